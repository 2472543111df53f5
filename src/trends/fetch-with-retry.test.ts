import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backoffDelay, fetchSource, fetchWithRetry } from "./fetch-with-retry.js";
import { mWeiboCnSource } from "./sources/m-weibo-cn-source.js";
import { summaryHtmlSource } from "./sources/summary-html-source.js";
import type { SourceSettings } from "./sources/trend-source.js";
import {
  PATHS,
  type ReplayServer,
  type ReplayStep,
  startReplayServer,
} from "./testing/replay-server.js";
import { readFixture } from "./testing/weibo-fixtures.js";

const capture = readFixture("m-weibo-cn-container", "realtimehot-2025-08-26T12-28+0800.json");
/** Longer than any test may run, so the deadline never decides a fault case. */
const FAULT_DEADLINE_MS = 60_000;
/** For the cases that are about the deadline. */
const SHORT_DEADLINE_MS = 400;

/** Blocks the event loop, as a busy machine does to a test process. */
function stall(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy wait on purpose
  }
}

const json = (body: string, status = 200): ReplayStep => ({
  status,
  contentType: "application/json; charset=utf-8",
  body,
});

describe("fetching against a local replay server", () => {
  let server: ReplayServer;
  let settings: SourceSettings;
  beforeAll(async () => {
    server = await startReplayServer();
    settings = {
      cookie: "SUB=test-cookie",
      userAgent: "Mozilla/5.0 test agent",
      originOverride: server.origin,
    };
  });
  afterAll(async () => {
    await server.close();
  });

  /**
   * Cases about a fault (reset, cut body, bad content…) get a deadline they can never reach
   * before vitest's own test timeout, so a loaded machine can make them slower but never turn
   * them into a timeout; only the cases about the deadline use a short one. A single 400 ms
   * deadline for every case was the race behind "expected 'timeout' to be 'network'".
   */
  async function reasonFor(step: ReplayStep, timeoutMs = FAULT_DEADLINE_MS): Promise<string> {
    server.script(PATHS.mWeiboCn, [step]);
    const result = await fetchSource(mWeiboCnSource, settings, timeoutMs);
    return result.ok ? "ok" : result.reason;
  }

  it("accepts a real capture and sends the configured cookie and user agent", async () => {
    server.script(PATHS.mWeiboCn, [json(capture)]);
    const result = await fetchSource(mWeiboCnSource, settings, 2000);
    expect(result.ok && result.list.ranked.length).toBe(50);
    const headers = server.hits(PATHS.mWeiboCn).at(-1);
    expect(headers?.cookie).toBe("SUB=test-cookie");
    expect(headers?.["user-agent"]).toBe("Mozilla/5.0 test agent");
  });

  it.each([
    ["HTTP 403", { status: 403, body: "Forbidden" }, "blocked"],
    ["HTTP 418", { status: 418, body: "I'm a teapot" }, "blocked"],
    ["HTTP 432", { status: 432, body: "" }, "blocked"],
    ["HTTP 502", { status: 502, body: "bad gateway" }, "http_error"],
    [
      "visitor HTML (utf-8)",
      {
        status: 200,
        contentType: "text/html; charset=utf-8",
        body: readFixture("failures", "m-weibo-cn-sina-visitor-system-utf8.html"),
      },
      "visitor_system",
    ],
    [
      "visitor HTML (gb2312)",
      {
        status: 200,
        contentType: "text/html; charset=gb2312",
        body: readFixture("failures", "m-weibo-cn-sina-visitor-system-gb2312.html"),
      },
      "visitor_system",
    ],
    [
      "ok:-100",
      json(readFixture("failures", "m-weibo-cn-ok-minus100-2025-09-05.json")),
      "login_required",
    ],
    [
      "ok:0",
      json(readFixture("failures", "m-weibo-cn-hot-topic-ok0-empty-2025-08-26.json")),
      "not_ok",
    ],
    ["truncated JSON", json(capture.slice(0, 40_000)), "truncated"],
    [
      "empty list",
      json(JSON.stringify({ ok: 1, data: { cards: [{ itemid: "hotword", card_group: [] }] } })),
      "empty_list",
    ],
    [
      "wrong content type",
      { status: 200, contentType: "text/plain", body: capture },
      "wrong_content_type",
    ],
    [
      "redirect to the visitor system",
      { redirect: "https://visitor.passport.weibo.cn/visitor/visitor?entry=sinawap" },
      "visitor_system",
    ],
    ["redirect loop", { redirect: PATHS.mWeiboCn }, "redirect_loop"],
    ["connection reset", { reset: true }, "network"],
    [
      "body cut by the server",
      { cutAfter: 1000, body: capture, contentType: "application/json" },
      "network",
    ],
  ] as [string, ReplayStep, string][])("%s is rejected", async (_, step, reason) => {
    expect(await reasonFor(step)).toBe(reason);
  });

  it.each([
    ["no answer (timeout)", { hang: true }],
    [
      "slow body past the deadline",
      { slow: capture, contentType: "application/json", chunks: 10, delayMs: 100 },
    ],
  ] as [string, ReplayStep][])("%s is rejected as a timeout", async (_, step) => {
    expect(await reasonFor(step, SHORT_DEADLINE_MS)).toBe("timeout");
  });

  it.each([
    ["connection reset", { reset: true }, "network"],
    [
      "body cut by the server",
      { cutAfter: 1000, body: capture, contentType: "text/json" },
      "network",
    ],
    ["HTTP 502", { status: 502, body: "bad gateway" }, "http_error"],
  ] as [string, ReplayStep, string][])(
    "%s keeps its name when the process stalls past the short deadline",
    async (_, step, reason) => {
      // What a loaded machine does: the request is under way, then the process gets no CPU
      // for longer than the short deadline. The answer must still name the fault.
      server.script(PATHS.mWeiboCn, [step]);
      const pending = fetchSource(mWeiboCnSource, settings, FAULT_DEADLINE_MS);
      await new Promise((resolve) => setImmediate(resolve));
      stall(SHORT_DEADLINE_MS * 1.5);
      const result = await pending;
      expect(result.ok ? "ok" : result.reason).toBe(reason);
    },
  );

  it("accepts a slow body that finishes within the deadline", async () => {
    expect(
      await reasonFor(
        { slow: capture, contentType: "application/json", chunks: 4, delayMs: 20 },
        2000,
      ),
    ).toBe("ok");
  });

  it("retries transient faults with jittered backoff, then succeeds", async () => {
    server.script(PATHS.mWeiboCn, [{ reset: true }, { status: 503, body: "busy" }, json(capture)]);
    const pauses: number[] = [];
    const attempts: string[] = [];
    const result = await fetchWithRetry(mWeiboCnSource, settings, {
      attempts: 3,
      timeoutMs: 2000,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      random: () => 0.5,
      sleep: async (ms) => {
        pauses.push(ms);
      },
      onAttempt: (r) => {
        attempts.push(r.outcome.ok ? "ok" : r.outcome.reason);
      },
    });
    expect(result.ok).toBe(true);
    expect(attempts).toEqual(["network", "http_error", "ok"]);
    expect(pauses).toEqual([75, 150]);
  });

  it("never retries an anti-bot answer", async () => {
    server.script(PATHS.summary, [
      { status: 432, body: "" },
      { status: 200, contentType: "text/html", body: "x" },
    ]);
    const before = server.hits(PATHS.summary).length;
    const pauses: number[] = [];
    const result = await fetchWithRetry(summaryHtmlSource, settings, {
      attempts: 3,
      timeoutMs: 1000,
      sleep: async (ms) => {
        pauses.push(ms);
      },
    });
    expect(!result.ok && result.reason).toBe("blocked");
    expect(server.hits(PATHS.summary).length - before).toBe(1);
    expect(pauses).toEqual([]);
  });

  it("keeps backoff within [ceiling/2, ceiling] and under the cap", () => {
    expect(backoffDelay(1, 2000, 20000, () => 0)).toBe(1000);
    expect(backoffDelay(1, 2000, 20000, () => 1)).toBe(2000);
    expect(backoffDelay(3, 2000, 20000, () => 0.5)).toBe(6000);
    expect(backoffDelay(10, 2000, 20000, () => 1)).toBe(20000);
  });
});
