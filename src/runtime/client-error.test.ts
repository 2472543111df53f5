import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest, requestText } from "../../test/support/raw-http.js";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { createApp } from "../app/create-app.js";
import { answerClientErrors, answerFor, MAX_HEADER_BYTES } from "./client-error.js";

/** Requests Node's parser refuses, on a real socket, as `startResou` serves them. */
describe.each(TEST_DIALECTS)("oversized and malformed requests on %s", (dialect) => {
  let site: SiteHarness;
  let port = 0;
  let close: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    site = await createSiteHarness(dialect);
    await site.publish(
      {
        slug: "long-query",
        headline: "Ferry timetable changes at the harbour",
        lead: "The harbour ferry runs every twenty minutes from Monday, the operator said.",
      },
      {
        slug: "long-chinese-query",
        headline: "网友热议渡轮时刻表",
        lead: "渡轮每二十分钟一班。",
        sections: [],
      },
    );
    const app = createApp(site.deps);
    await new Promise<void>((resolve) => {
      const server = serve(
        {
          fetch: app.fetch,
          port: 0,
          hostname: "127.0.0.1",
          serverOptions: { maxHeaderSize: MAX_HEADER_BYTES },
        },
        (info) => {
          port = (info as AddressInfo).port;
          resolve();
        },
      );
      answerClientErrors(server as Server, app.fetch, "Resou");
      close = () => new Promise((done) => server.close(() => done()));
    });
  });
  afterAll(async () => {
    await close();
    await site.destroy();
  });

  it("searches the first whole words of a 20,000-character query, and says so", async () => {
    const words = "harbour ferry runs every twenty minutes ";
    const q = words.repeat(Math.ceil(20_000 / words.length)).slice(0, 20_000);
    const response = await rawRequest(
      port,
      requestText("GET", `/search?q=${encodeURIComponent(q)}`),
    );
    expect(response.status).toBe(200);
    expect(response.body).toContain("Your search was long");
    expect(response.body).toContain("Ferry timetable changes at the harbour");
    // Cut after a whole word: the box holds whole words of what was pasted.
    const value = /id="search-page-q"[^>]*value="([^"]*)"/.exec(response.body)?.[1] ?? "";
    expect(value.length).toBeGreaterThan(100);
    expect(value.length).toBeLessThanOrEqual(200);
    expect(`${q} `.startsWith(`${value} `)).toBe(true);
  });

  it("answers an address over the limit (20,000 Chinese characters) with a 414 page", async () => {
    const q = "渡轮每二十分钟一班".repeat(Math.ceil(20_000 / 9)).slice(0, 20_000);
    const response = await rawRequest(
      port,
      requestText("GET", `/search?q=${encodeURIComponent(q)}`),
    );
    // 414 when the read that overflowed shows the address; Node hands over only that read.
    expect([414, 431]).toContain(response.status);
    expect(response.head).toMatch(/\r\ncontent-type: text\/html; charset=utf-8/i);
    expect(response.body).toMatch(/^<!doctype html>/i);
    expect(response.body).toContain('action="/search"');
  });

  it("searches what arrived of a search address too long to arrive whole", async () => {
    const words = "harbour ferry runs every twenty minutes ";
    const q = encodeURIComponent(words.repeat(2000));
    const error = Object.assign(new Error("Header overflow"), {
      code: "HPE_HEADER_OVERFLOW",
      rawPacket: Buffer.from(`GET /search?q=${q.slice(0, 70_000)}`, "latin1"),
    });
    const answer = await answerFor(error, createApp(site.deps).fetch, "Resou");
    expect(answer.status).toBe(414);
    expect(answer.html).toContain("Your search was long");
    expect(answer.html).toContain("Ferry timetable changes at the harbour");
    // A later read of the same address, without its start: the page with a search box.
    const later = await answerFor(
      { ...error, rawPacket: Buffer.from(q.slice(0, 70_000), "latin1") },
      createApp(site.deps).fetch,
      "Resou",
    );
    expect(later.status).toBe(431);
    expect(later.html).toContain("<h1>Request Header Fields Too Large</h1>");
    expect(later.html).toContain('action="/search"');
    // A later read that ends the request line: the address is what was too long.
    const lineEnd = await answerFor(
      { ...error, rawPacket: Buffer.from(`${q.slice(0, 500)} HTTP/1.1\r\nHost: x\r\n`, "latin1") },
      createApp(site.deps).fetch,
      "Resou",
    );
    expect(lineEnd.status).toBe(414);
    expect(lineEnd.html).toContain("<h1>URI Too Long</h1>");
  });

  it("answers an over-long address elsewhere with a page of ours", async () => {
    const response = await rawRequest(port, requestText("GET", `/news/${"x".repeat(70_000)}`));
    expect([414, 431]).toContain(response.status);
    expect(response.body).toMatch(/<h1>(URI Too Long|Request Header Fields Too Large)<\/h1>/);
    expect(response.body).toContain('action="/search"');
  });

  it("answers too many header bytes with 431 and a page", async () => {
    const response = await rawRequest(
      port,
      requestText("GET", "/", [`Cookie: c=${"y".repeat(70_000)}`]),
    );
    expect(response.status).toBe(431);
    expect(response.body).toContain("Request Header Fields Too Large");
  });

  it("answers a malformed request with 400 and a page", async () => {
    const response = await rawRequest(port, "GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n");
    expect(response.status).toBe(400);
    expect(response.body).toContain("<h1>Bad Request</h1>");
  });

  it("still serves a search of a few KB normally", async () => {
    const q = "harbour ferry ".repeat(300);
    const response = await rawRequest(
      port,
      requestText("GET", `/search?q=${encodeURIComponent(q)}`),
    );
    expect(response.status).toBe(200);
    expect(response.body).toContain("Ferry timetable changes at the harbour");
  });
});
