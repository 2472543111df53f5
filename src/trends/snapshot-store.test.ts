import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { decompressPayload, payloadHash } from "./payload-codec.js";
import { reparseSnapshot } from "./snapshot-reparse.js";
import { ingestSnapshots } from "./snapshot-store.js";
import { validateList } from "./snapshot-validate.js";
import { parseMWeiboCn } from "./sources/m-weibo-cn-source.js";
import { isFailure } from "./sources/trend-source.js";
import { ingestCapture, trendCounts } from "./testing/ingest-capture.js";
import { mWeiboCnCaptures } from "./testing/weibo-fixtures.js";

const captures = mWeiboCnCaptures();

describe.each(TEST_DIALECTS)("ingestSnapshot on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("replays the 22 hourly captures into the curve of 九三盛大阅兵", async () => {
    const states: string[] = [];
    for (const capture of captures) {
      await ingestCapture(database, capture.body);
      const t = await database.db
        .selectFrom("trend_topic")
        .select("state")
        .where("query", "=", "#九三盛大阅兵#")
        .executeTakeFirst();
      if (t) states.push(t.state);
    }
    expect(await trendCounts(database)).toEqual({
      trend_snapshot: 22,
      trend_topic: expect.any(Number),
      trend_point: 1100,
    });
    const topic = await database.db
      .selectFrom("trend_topic")
      .selectAll()
      .where("query", "=", "#九三盛大阅兵#")
      .executeTakeFirstOrThrow();
    const points = await database.db
      .selectFrom("trend_point")
      .select(["captured_at", "rank", "heat", "label"])
      .where("topic_id", "=", topic.id)
      .orderBy("captured_at")
      .execute();
    expect(points).toEqual([
      { captured_at: "2025-08-26T04:28:23.000Z", rank: 2, heat: 648472, label: "新" },
      { captured_at: "2025-08-26T05:24:12.000Z", rank: 4, heat: 428052, label: "" },
      { captured_at: "2025-08-26T06:36:17.000Z", rank: 24, heat: 191356, label: "" },
      { captured_at: "2025-08-26T07:23:21.000Z", rank: 25, heat: 204819, label: "" },
      { captured_at: "2025-08-26T08:33:02.000Z", rank: 50, heat: 124501, label: "" },
    ]);
    expect(states.slice(0, 6)).toEqual(["new", "falling", "falling", "falling", "falling", "gone"]);
    expect(topic).toMatchObject({
      word: "九三盛大阅兵",
      is_hashtag: 1,
      first_seen_at: "2025-08-26T04:28:23.000Z",
      last_seen_at: "2025-08-26T08:33:02.000Z",
      peak_rank: 2,
      peak_heat: 648472,
      last_rank: 50,
      previous_rank: 25,
      snapshot_count: 5,
      state: "gone",
      run_started_at: null,
      seconds_on_list:
        (Date.parse("2025-08-26T08:33:02Z") - Date.parse("2025-08-26T04:28:23Z")) / 1000,
    });
  });

  it("stores the payload compressed with its hash and ignores the same payload twice", async () => {
    const body = captures[10]?.body ?? "";
    const first = await ingestCapture(database, body);
    const before = await trendCounts(database);
    const topicsBefore = await database.db
      .selectFrom("trend_topic")
      .selectAll()
      .orderBy("id")
      .execute();
    const second = await ingestCapture(database, body);
    expect(first).toMatchObject({ status: "stored", points: 50, topicsCreated: 50 });
    expect(second).toEqual({
      status: "duplicate",
      snapshotId: first.snapshotId,
      topicsCreated: 0,
      points: 0,
    });
    expect(await trendCounts(database)).toEqual(before);
    expect(await database.db.selectFrom("trend_topic").selectAll().orderBy("id").execute()).toEqual(
      topicsBefore,
    );
    const stored = await database.db
      .selectFrom("trend_snapshot")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      ranked_count: 50,
      pinned_count: 1,
      ad_count: 1,
      payload_hash: payloadHash(body),
    });
    expect(decompressPayload(stored.payload_gzip)).toBe(body);
    const again = await reparseSnapshot(database.db, stored.id);
    expect(again && "rows" in again && again.rows.filter((r) => r.kind === "ranked")).toHaveLength(
      50,
    );
  });

  it("gives the same topic facts whatever order the captures arrive in", async () => {
    const facts = () =>
      database.db
        .selectFrom("trend_topic")
        .select([
          "query",
          "first_seen_at",
          "last_seen_at",
          "run_started_at",
          "seconds_on_list",
          "snapshot_count",
          "peak_rank",
          "peak_heat",
          "last_rank",
          "previous_rank",
          "state",
        ])
        .orderBy("query")
        .execute();
    const shuffled = [...captures].sort((a, b) =>
      payloadHash(a.body) < payloadHash(b.body) ? -1 : 1,
    );
    for (const capture of shuffled) await ingestCapture(database, capture.body);
    const outOfOrder = await facts();
    await database.db.deleteFrom("trend_point").execute();
    await database.db.deleteFrom("trend_snapshot").execute();
    await database.db.deleteFrom("trend_topic").execute();
    for (const capture of captures) await ingestCapture(database, capture.body);
    expect(outOfOrder).toEqual(await facts());
    expect(outOfOrder.length).toBeGreaterThan(200);
  });

  it("stores a batch in one transaction with the same facts as one by one", async () => {
    const facts = () =>
      database.db
        .selectFrom("trend_topic")
        .select([
          "query",
          "first_seen_at",
          "seconds_on_list",
          "snapshot_count",
          "peak_rank",
          "peak_heat",
          "last_rank",
          "previous_rank",
          "state",
          "run_started_at",
        ])
        .orderBy("query")
        .execute();
    for (const capture of captures) await ingestCapture(database, capture.body);
    const oneByOne = await facts();
    await database.db.deleteFrom("trend_point").execute();
    await database.db.deleteFrom("trend_snapshot").execute();
    await database.db.deleteFrom("trend_topic").execute();
    const inputs = captures.map((c) => {
      const parsed = parseMWeiboCn(c.body);
      if (isFailure(parsed)) throw new Error(parsed.reason);
      const list = validateList(parsed);
      if (!list.ok) throw new Error(list.reason);
      return {
        source: "m-weibo-cn" as const,
        capturedAt: list.generatedAt ?? new Date(0),
        payload: c.body,
        contentType: "application/json",
        list,
      };
    });
    const first = await ingestSnapshots(database.db, inputs.slice(0, 10), new Date());
    const rest = await ingestSnapshots(database.db, [...inputs.slice(9)].reverse(), new Date());
    expect(first.every((r) => r.status === "stored")).toBe(true);
    expect(rest.at(-1)?.status).toBe("duplicate");
    expect(await facts()).toEqual(oneByOne);
    expect(await trendCounts(database)).toMatchObject({ trend_snapshot: 22, trend_point: 1100 });
  });
});
