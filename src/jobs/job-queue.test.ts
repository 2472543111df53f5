import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { openDatabase } from "../db/database.js";
import {
  claimJob,
  completeJob,
  enqueueJob,
  failJob,
  heartbeatJob,
  requeueStaleJobs,
} from "./job-queue.js";

const now = new Date("2025-08-26T00:00:00Z");

describe.each(TEST_DIALECTS)("job queue on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("hands each job to exactly one of many concurrent claimers", async () => {
    for (const n of [1, 2, 3]) await enqueueJob(database, "render", { n }, now);
    // Separate connections, as separate processes would have.
    const others = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ url: database.url, schema: database.schema })),
    );
    try {
      const claims = await Promise.all(
        [database, ...others].map((db, i) => claimJob(db, `w${i}`, now)),
      );
      const ids = claims.flatMap((c) => (c ? [c.id] : []));
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
    } finally {
      await Promise.all(others.map((o) => o.destroy()));
    }
  });

  it("does not queue a job twice under one unique key, and skips jobs not yet due", async () => {
    const a = await enqueueJob(database, "publish", { id: 1 }, now, { uniqueKey: "publish:1" });
    const b = await enqueueJob(database, "publish", { id: 1 }, now, { uniqueKey: "publish:1" });
    expect(b).toBe(a);
    await enqueueJob(database, "later", {}, now, { runAt: new Date("2025-08-27T00:00:00Z") });
    const first = await claimJob(database, "w", now);
    expect(first?.id).toBe(a);
    expect(await claimJob(database, "w", now)).toBeUndefined();
    if (first) await completeJob(database.db, first.id, now);
    const c = await enqueueJob(database, "publish", { id: 1 }, now, { uniqueKey: "publish:1" });
    expect(c).not.toBe(a);
  });

  it("retries with back-off and gives up after max attempts", async () => {
    await enqueueJob(database, "flaky", {}, now, { maxAttempts: 2 });
    const first = await claimJob(database, "w", now);
    if (!first) throw new Error("expected a job");
    await failJob(database.db, first, new Error("boom"), now);
    expect(await claimJob(database, "w", now)).toBeUndefined();
    const later = new Date(now.getTime() + 5_000);
    const second = await claimJob(database, "w", later);
    expect(second?.attempts).toBe(2);
    if (!second) throw new Error("expected a retry");
    await failJob(database.db, second, new Error("boom again"), later);
    const row = await database.db.selectFrom("job").selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe("failed");
    expect(row.last_error).toBe("boom again");
  });

  it("keeps a job whose worker beats its heart, and only for that worker", async () => {
    const id = await enqueueJob(database, "draft", {}, now);
    expect((await claimJob(database, "alive", now))?.id).toBe(id);
    const later = new Date(now.getTime() + 10 * 60_000);
    expect(await heartbeatJob(database.db, id, "other", later)).toBe(false);
    expect(await heartbeatJob(database.db, id, "alive", later)).toBe(true);
    // Twelve minutes after the claim, five after the beat: not stale at a 6-minute timeout.
    const check = new Date(now.getTime() + 12 * 60_000);
    expect(await requeueStaleJobs(database.db, check, 6 * 60_000)).toBe(0);
    const afterSilence = new Date(later.getTime() + 7 * 60_000);
    expect(await requeueStaleJobs(database.db, afterSilence, 6 * 60_000)).toBe(1);
    expect(await heartbeatJob(database.db, id, "alive", afterSilence)).toBe(false);
  });

  it("re-queues jobs abandoned by a dead worker", async () => {
    await enqueueJob(database, "render", {}, now);
    await claimJob(database, "dead", now);
    expect(await requeueStaleJobs(database.db, new Date(now.getTime() + 60_000), 120_000)).toBe(0);
    expect(await requeueStaleJobs(database.db, new Date(now.getTime() + 180_000), 120_000)).toBe(1);
    expect((await claimJob(database, "alive", now))?.locked_by).toBe("alive");
  });
});
