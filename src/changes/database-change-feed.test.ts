import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { silentLogger } from "../core/log.js";
import { type Database, openDatabase } from "../db/database.js";
import type { RecordedChange } from "./change.js";
import {
  type RunningChangeFeed,
  startChangeFeed,
  writerChangeFeed,
} from "./database-change-feed.js";
import { recordChange } from "./record-change.js";

/** Resolves with the first delivered batch holding a change that matches. */
function nextDelivery(
  feed: RunningChangeFeed,
  matches: (change: RecordedChange) => boolean,
): Promise<RecordedChange[]> {
  return new Promise((resolve) => {
    const off = feed.subscribe((batch) => {
      if (batch.some(matches)) {
        off();
        resolve([...batch]);
      }
    });
  });
}

describe.each(TEST_DIALECTS)("the change feed on %s", (dialect) => {
  let database: TestDatabase;
  let other: Database;
  const feeds: RunningChangeFeed[] = [];
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    // A second pool on the same data stands in for another process's connections.
    other = await openDatabase({ url: database.url, schema: database.schema });
  });
  afterEach(async () => {
    for (const feed of feeds.splice(0)) await feed.stop();
    await other.destroy();
    await database.destroy();
  });
  const start = async (db: Database, role: string) => {
    const feed = await startChangeFeed({ database: db, log: silentLogger, role, pollMs: 20 });
    feeds.push(feed);
    return feed;
  };

  it("delivers a change committed through another connection, in order, typed", async () => {
    const feed = await start(other, "web");
    const seen: RecordedChange[] = [];
    feed.subscribe((batch) => {
      seen.push(...batch);
    });
    const delivered = nextDelivery(feed, (c) => c.kind === "settings");
    const ids = await database.db
      .transaction()
      .execute(async (trx) => [
        await recordChange(trx, { kind: "related", articleIds: [3, 4] }),
        await recordChange(trx, { kind: "settings", keys: ["site_name"] }),
      ]);
    await delivered;
    // On PostgreSQL a change gets its final id at commit (migration 1210): never smaller.
    expect(seen).toHaveLength(2);
    expect(seen[0]?.id).toBeGreaterThanOrEqual(ids[0] ?? 0);
    expect(seen[1]?.id).toBeGreaterThan(seen[0]?.id ?? 0);
    expect(seen[0]).toMatchObject({ kind: "related", articleIds: [3, 4] });
    expect(seen[1]).toMatchObject({ kind: "settings", keys: ["site_name"] });
    expect(typeof seen[0]?.at).toBe("string");
  });

  it("records nothing for a rolled-back write, and only later changes reach a new subscriber", async () => {
    const before = await database.db
      .transaction()
      .execute((trx) => recordChange(trx, { kind: "trends", topicIds: [1] }));
    const feed = await start(other, "web");
    const seen: number[] = [];
    feed.subscribe((batch) => {
      seen.push(...batch.map((c) => c.id));
    });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordChange(trx, { kind: "trends", topicIds: [2] });
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    const delivered = nextDelivery(feed, (c) => c.kind === "trends" && c.topicIds[0] === 3);
    const after = await database.db
      .transaction()
      .execute((trx) => recordChange(trx, { kind: "trends", topicIds: [3] }));
    await delivered;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThanOrEqual(after);
    expect(seen[0]).toBeGreaterThan(before);
    const rows = await database.db.selectFrom("change").select("payload").execute();
    expect(rows.map((r) => JSON.parse(r.payload).topicIds)).toEqual([[1], [3]]);
  });

  it("settle returns only after every live reader delivered the change", async () => {
    const reader = await start(other, "web");
    const writer = await writerChangeFeed(database, silentLogger);
    let readerSaw = 0;
    reader.subscribe(async (batch) => {
      // A slow listener (a cache dropping pages): settle must wait for it.
      await new Promise((resolve) => setTimeout(resolve, 50));
      readerSaw = Math.max(readerSaw, ...batch.map((c) => c.id));
    });
    const id = await database.db
      .transaction()
      .execute((trx) => recordChange(trx, { kind: "related", articleIds: [9] }));
    await writer.settle(id);
    expect(readerSaw).toBeGreaterThanOrEqual(id);
  });

  it("settle delivers to the writer's own listeners at once", async () => {
    const feed = await start(database, "web+worker");
    const seen: number[] = [];
    feed.subscribe((batch) => {
      seen.push(...batch.map((c) => c.id));
    });
    const id = await database.db
      .transaction()
      .execute((trx) => recordChange(trx, { kind: "settings", keys: ["navigation"] }));
    await feed.settle(id);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThanOrEqual(id);
  });
});
