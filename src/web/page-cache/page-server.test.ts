import { request, type Server } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CachedSite, createCachedSite } from "../../../test/support/page-cache-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { createPageServer } from "./page-server.js";

/**
 * Issue 11: feeds and sitemaps ride the same hot path as pages. Over real HTTP, after the
 * first request of a URL, every request in any encoding is answered by Node's server from
 * the stored bytes: the app (routing, middleware, rendering) is never reached again.
 */
describe.each(TEST_DIALECTS)("page server: feeds and sitemaps from the cache (%s)", (dialect) => {
  let site: CachedSite;
  let server: Server;
  let origin: string;
  let reachedApp: string[];

  beforeEach(async () => {
    site = await createCachedSite(dialect);
    await site.publish(
      { slug: "a", headline: "Alpha story", category: "Society" },
      { slug: "b", headline: "Beta story", category: "Society" },
    );
    reachedApp = [];
    server = createPageServer((request) => {
      reachedApp.push(new URL(request.url).pathname);
      return site.cached.fetch(request);
    }, site.cache);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (typeof address !== "object" || !address) throw new Error("no address");
    origin = `http://127.0.0.1:${address.port}`;
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await site.destroy();
  });

  /** One GET through node:http (fetch would decode the body; the test decodes it itself). */
  const get = (path: string, encoding?: string) =>
    new Promise<{
      status: number;
      vary: string | undefined;
      coding: string | undefined;
      body: string;
    }>((resolve, reject) => {
      request(
        `${origin}${path}`,
        { headers: encoding ? { "Accept-Encoding": encoding } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", reject);
          res.on("end", () => {
            const raw = Buffer.concat(chunks);
            const coding = res.headers["content-encoding"];
            const body =
              coding === "br"
                ? brotliDecompressSync(raw)
                : coding === "gzip"
                  ? gunzipSync(raw)
                  : raw;
            resolve({
              status: res.statusCode ?? 0,
              vary: res.headers.vary,
              coding,
              body: body.toString("utf8"),
            });
          });
        },
      )
        .on("error", reject)
        .end();
    });

  it("answers every feed format and sitemap in every encoding without the app", async () => {
    const category = await site.database.db
      .selectFrom("category")
      .select("slug")
      .where("name", "=", "Society")
      .executeTakeFirstOrThrow();
    const paths = [
      "/feed.xml",
      "/atom.xml",
      "/feed.json",
      `/category/${category.slug}/feed.xml`,
      "/sitemap.xml",
      "/news-sitemap.xml",
    ];
    const first = new Map<string, string>();
    for (const path of paths) {
      const { status, body } = await get(path);
      expect(status, path).toBe(200);
      first.set(path, body);
    }
    expect(reachedApp).toEqual(paths);
    const before = site.cache.stats();

    for (const path of paths) {
      for (const encoding of [undefined, "gzip", "br", "gzip, deflate, br"]) {
        const { status, vary, coding, body } = await get(path, encoding);
        expect(status, path).toBe(200);
        expect(body, `${path} ${encoding}`).toBe(first.get(path));
        expect(vary, path).toBe("Accept-Encoding");
        if (encoding === "gzip") expect(coding, path).toBe("gzip");
        if (encoding?.includes("br")) expect(coding, path).toBe("br");
      }
    }
    // No request after the first of each URL reached routing or rendering.
    expect(reachedApp).toEqual(paths);
    expect(site.cache.stats().misses).toBe(before.misses);
    expect(site.cache.stats().hits - before.hits).toBe(paths.length * 4);
  });

  it("a publish sends the feed back through the app once, then the cache again", async () => {
    expect((await get("/feed.xml")).body).not.toContain("Gamma story");
    await site.publish({ slug: "c", headline: "Gamma story", category: "Society" });
    expect((await get("/feed.xml", "br")).body).toContain("Gamma story");
    expect((await get("/feed.xml")).body).toContain("Gamma story");
    expect(reachedApp).toEqual(["/feed.xml", "/feed.xml"]);
  });
});
