import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { fixedClock } from "../core/clock.js";
import { silentLogger } from "../core/log.js";
import { openDatabase } from "../db/database.js";
import { runTick } from "../jobs/scheduler.js";
import { readHealth } from "./source-health.js";
import { trendCounts } from "./testing/ingest-capture.js";
import {
  PATHS,
  type ReplayServer,
  type ReplayStep,
  startReplayServer,
} from "./testing/replay-server.js";
import { readFixture } from "./testing/weibo-fixtures.js";
import {
  type PollDeps,
  pollOnce,
  pollPattern,
  type TrendsConfig,
  trendPollTask,
} from "./trend-poller.js";

const capture = readFixture("m-weibo-cn-container", "realtimehot-2025-08-26T12-28+0800.json");
const html = readFixture("synthetic", "summary-html-2025-08-26T00-25+0800.html");
const visitor = readFixture("failures", "m-weibo-cn-sina-visitor-system-utf8.html");
const ok = (body: string, contentType = "application/json; charset=utf-8"): ReplayStep => ({
  status: 200,
  contentType,
  body,
});

const config: TrendsConfig = {
  TRENDS_POLL_SECONDS: 60,
  TRENDS_SOURCES: ["m-weibo-cn", "summary-html", "side-hotsearch"],
  WEIBO_COOKIE: "SUB=abc",
  WEIBO_USER_AGENT: "Mozilla/5.0 test",
  TRENDS_FETCH_TIMEOUT_MS: 1000,
  TRENDS_FETCH_ATTEMPTS: 2,
};

describe.each(TEST_DIALECTS)("polling on %s", (dialect) => {
  let server: ReplayServer;
  let database: TestDatabase;
  let deps: PollDeps;
  const clock = fixedClock("2026-11-27T08:00:00Z");
  beforeAll(async () => {
    server = await startReplayServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    clock.set("2026-11-27T08:00:00Z");
    deps = {
      database,
      config,
      clock,
      log: silentLogger,
      originOverride: server.origin,
      sleep: async () => {},
      random: () => 0,
    };
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("fails over from the visitor page to the HTML list and records both in health", async () => {
    server.script(PATHS.mWeiboCn, [ok(visitor, "text/html; charset=utf-8")]);
    server.script(PATHS.summary, [ok(html, "text/html; charset=utf-8")]);
    const outcome = await pollOnce(deps);
    expect(outcome).toMatchObject({
      status: "stored",
      source: "summary-html",
      failures: [{ source: "m-weibo-cn", reason: "visitor_system" }],
    });
    expect(await trendCounts(database)).toEqual({
      trend_snapshot: 1,
      trend_topic: 50,
      trend_point: 50,
    });
    const health = await readHealth(database.db, config.TRENDS_SOURCES);
    expect(health[0]).toMatchObject({
      source: "m-weibo-cn",
      consecutiveFailures: 1,
      lastFailureReason: "visitor_system",
      lastSuccessAt: null,
    });
    expect(health[1]).toMatchObject({
      source: "summary-html",
      consecutiveFailures: 0,
      lastSuccessAt: "2026-11-27T08:00:00.000Z",
    });
    const fetches = await database.db.selectFrom("trend_fetch").selectAll().orderBy("id").execute();
    expect(fetches.map((f) => [f.source, f.reason, f.ok])).toEqual([
      ["m-weibo-cn", "visitor_system", 0],
      ["summary-html", "ok", 1],
    ]);
    expect(fetches[1]?.snapshot_id).toBe(outcome.status === "stored" ? outcome.snapshotId : -1);
  });

  it("stores nothing when every source fails, and rests a source after 3 failures", async () => {
    server.script(PATHS.mWeiboCn, [
      ok(readFixture("failures", "m-weibo-cn-ok-minus100-2025-09-05.json")),
    ]);
    server.script(PATHS.summary, [{ status: 418, body: "teapot" }]);
    server.script(PATHS.side, [{ reset: true }]);
    for (let i = 0; i < 3; i++) {
      const outcome = await pollOnce(deps);
      expect(outcome.status).toBe("failed");
      clock.set(new Date(clock.now().getTime() + 20_000));
    }
    expect(await trendCounts(database)).toEqual({
      trend_snapshot: 0,
      trend_topic: 0,
      trend_point: 0,
    });
    const health = await readHealth(database.db, config.TRENDS_SOURCES);
    expect(health.map((h) => [h.source, h.consecutiveFailures, h.lastFailureReason])).toEqual([
      ["m-weibo-cn", 3, "login_required"],
      ["summary-html", 3, "blocked"],
      ["side-hotsearch", 3, "network"],
    ]);
    // side-hotsearch was retried (reset is transient), the others were not.
    const sideTries = await database.db
      .selectFrom("trend_fetch")
      .select("id")
      .where("source", "=", "side-hotsearch")
      .execute();
    expect(sideTries).toHaveLength(6);
    const hitsBefore = server.hits(PATHS.mWeiboCn).length;
    const rested = await pollOnce(deps);
    expect(rested.failures.map((f) => f.reason)).toEqual(["resting", "resting", "resting"]);
    expect(server.hits(PATHS.mWeiboCn).length).toBe(hitsBefore);
  });

  it("recovers: a success resets the failure count", async () => {
    server.script(PATHS.mWeiboCn, [{ status: 432, body: "" }, ok(capture)]);
    server.script(PATHS.summary, [{ status: 403, body: "" }]);
    server.script(PATHS.side, [{ status: 403, body: "" }]);
    expect((await pollOnce(deps)).status).toBe("failed");
    const outcome = await pollOnce(deps);
    expect(outcome).toMatchObject({ status: "stored", source: "m-weibo-cn" });
    const [m] = await readHealth(database.db, config.TRENDS_SOURCES);
    expect(m).toMatchObject({
      consecutiveFailures: 0,
      totalFailures: 1,
      totalSuccesses: 1,
      lastFailureReason: "blocked",
    });
  });

  it("runs one poll at a time across processes through the lease", async () => {
    server.script(PATHS.mWeiboCn, [
      { slow: capture, contentType: "application/json", chunks: 5, delayMs: 40 },
    ]);
    // A second process: its own connection (pool) to the same database.
    const second = await openDatabase({ url: database.url, schema: database.schema });
    try {
      const at = new Date("2026-11-27T08:00:00Z");
      const results = await Promise.all([
        runTick({ database, clock, log: silentLogger }, trendPollTask(deps), "process-a", at),
        runTick(
          { database: second, clock, log: silentLogger },
          trendPollTask({ ...deps, database: second }),
          "process-b",
          at,
        ),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await trendCounts(database)).toMatchObject({ trend_snapshot: 1 });
      expect(server.hits(PATHS.mWeiboCn).length).toBeGreaterThan(0);
    } finally {
      await second.destroy();
    }
  });
});

describe("poll pattern", () => {
  it("turns seconds into a cron pattern with seconds", () => {
    expect(pollPattern(60)).toBe("0 * * * * *");
    expect(pollPattern(30)).toBe("*/30 * * * * *");
    expect(pollPattern(300)).toBe("0 */5 * * * *");
  });
});
