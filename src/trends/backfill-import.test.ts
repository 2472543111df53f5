import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { fixedClock } from "../core/clock.js";
import { timeFromFileName } from "./backfill-import.js";
import { recordHealth } from "./source-health.js";
import { trendCounts } from "./testing/ingest-capture.js";
import { fixturePath } from "./testing/weibo-fixtures.js";
import { runTrendsImport, runTrendsStatus } from "./trends-cli.js";

function sink() {
  const lines: string[] = [];
  return { lines, write: (t: string) => lines.push(t), text: () => lines.join("") };
}
const clock = fixedClock("2026-11-27T09:00:00Z");

describe.each(TEST_DIALECTS)("resou trends import on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("imports every format with its capture time, and a second run changes nothing", async () => {
    const files = [
      fixturePath("s-weibo-com-summary", "justjavac-raw-2025-08-26-first-capture-0025.json"),
      fixturePath("m-weibo-cn-container", "realtimehot-2025-08-26T11-12+0800.json"),
      fixturePath("lxw-hourly", "lxw-2025-08-26-12.json"),
      fixturePath("m-weibo-cn-container", "realtimehot-2025-08-26T13-24+0800.json"),
      fixturePath("synthetic", "side-hotsearch-2025-08-26T12-28+0800.json"),
      fixturePath("s-weibo-com-summary", "justjavac-raw-2025-08-26.json"),
    ];
    const out = sink();
    expect(await runTrendsImport(database, files, out, clock)).toBe(0);
    expect(out.text()).toContain("justjavac-list at 2025-08-25T16:25:00.000Z");
    expect(out.text()).toContain("m-weibo-cn at 2025-08-26T03:12:07.000Z");
    expect(out.text()).toContain("lxw-hourly at 2025-08-26T04:33:25.000Z");
    expect(out.text()).toContain("side-hotsearch at 2025-08-26T04:28:00.000Z");
    expect(out.text()).toContain("stored archive");
    expect(out.text()).toContain("6 imported, 0 rejected");
    const before = await trendCounts(database);
    expect(before).toMatchObject({ trend_snapshot: 6, trend_point: 250 });
    const again = sink();
    expect(await runTrendsImport(database, files, again, clock)).toBe(0);
    expect(again.lines.filter((l) => l.includes(": duplicate"))).toHaveLength(6);
    expect(await trendCounts(database)).toEqual(before);
    const topic = await database.db
      .selectFrom("trend_topic")
      .selectAll()
      .where("query", "=", "#九三盛大阅兵#")
      .executeTakeFirstOrThrow();
    expect(topic).toMatchObject({ peak_rank: 2, snapshot_count: 3 });
  });

  it("rejects every failure capture with its reason and leaves the database unchanged", async () => {
    await runTrendsImport(
      database,
      [fixturePath("m-weibo-cn-container", "realtimehot-2025-08-26T12-28+0800.json")],
      sink(),
      clock,
    );
    const before = await trendCounts(database);
    const topicsBefore = await database.db
      .selectFrom("trend_topic")
      .selectAll()
      .orderBy("id")
      .execute();
    const out = sink();
    const code = await runTrendsImport(
      database,
      [
        fixturePath("failures", "m-weibo-cn-ok-minus100-2025-09-05.json"),
        fixturePath("failures", "m-weibo-cn-hot-topic-ok0-empty-2025-08-26.json"),
        fixturePath("failures", "m-weibo-cn-sina-visitor-system-gb2312.html"),
        fixturePath("failures", "m-weibo-cn-sina-visitor-system-utf8.html"),
      ],
      out,
      clock,
    );
    expect(code).toBe(1);
    expect(out.lines.slice(0, 4).map((l) => l.match(/rejected \((\w+)/)?.[1])).toEqual([
      "login_required",
      "not_ok",
      "visitor_system",
      "visitor_system",
    ]);
    expect(await trendCounts(database)).toEqual(before);
    expect(await database.db.selectFrom("trend_topic").selectAll().orderBy("id").execute()).toEqual(
      topicsBefore,
    );
  });

  it("takes --captured-at over the file's own time and refuses a bad one", async () => {
    const file = fixturePath("m-weibo-cn-container", "realtimehot-2025-08-26T12-28+0800.json");
    const out = sink();
    expect(
      await runTrendsImport(
        database,
        ["--captured-at", "2025-08-26T12:30:00+08:00", file],
        out,
        clock,
      ),
    ).toBe(0);
    expect(out.text()).toContain("at 2025-08-26T04:30:00.000Z");
    expect(await runTrendsImport(database, ["--captured-at=yesterday", file], sink(), clock)).toBe(
      2,
    );
    expect(await runTrendsImport(database, [], sink(), clock)).toBe(2);
  });

  it("prints source health and the latest snapshot", async () => {
    await recordHealth(database.db, "m-weibo-cn", new Date("2026-11-27T08:59:00Z"), {
      ok: false,
      reason: "visitor_system",
      detail: "Sina Visitor System page",
      httpStatus: 200,
    });
    await runTrendsImport(
      database,
      [fixturePath("m-weibo-cn-container", "realtimehot-2025-08-26T12-28+0800.json")],
      sink(),
      clock,
    );
    const out = sink();
    expect(await runTrendsStatus(database, [], out)).toBe(0);
    expect(out.text()).toMatch(
      /m-weibo-cn\s+never\s+2026-11-27T08:59:00.000Z\s+1 {2}visitor_system/,
    );
    expect(out.text()).toContain("50 ranked rows");
  });
});

describe("capture time from a file name", () => {
  it.each([
    ["realtimehot-2025-08-26T12-28+0800.json", "2025-08-26T04:28:00.000Z"],
    ["lxw-2025-08-26-12.json", "2025-08-26T04:00:00.000Z"],
    ["justjavac-raw-2025-08-26-first-capture-0025.json", "2025-08-25T16:25:00.000Z"],
    ["justjavac-raw-2025-08-26.json", "2025-08-25T16:00:00.000Z"],
  ])("%s → %s", (name, iso) => {
    expect(timeFromFileName(`/some/dir/${name}`)?.toISOString()).toBe(iso);
  });
  it("gives null without a date", () => {
    expect(timeFromFileName("capture.json")).toBeNull();
  });
});
