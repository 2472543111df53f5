import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { type Database, openDatabase } from "../db/database.js";
import { latestChangeId } from "./change-rows.js";
import { recordChange } from "./record-change.js";

/** A promise with its resolve handle: lets one transaction wait for a step of another. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

const lease = (name: string) => ({ name, holder: "none", expires_at: "2000-01-01T00:00:00Z" });

/**
 * Change ids are read in order by every process, so they must become visible in commit
 * order, and ordering them must never make two writers of the same rows deadlock (issue 11).
 */
describe.each(TEST_DIALECTS)("change ids and concurrent writers on %s", (dialect) => {
  let database: TestDatabase;
  let other: Database;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    other = await openDatabase({ url: database.url, schema: database.schema });
    await database.db
      .insertInto("lease")
      .values([lease("a"), lease("b")])
      .execute();
  });
  afterEach(async () => {
    await other.destroy();
    await database.destroy();
  });

  it.runIf(dialect === "postgres")(
    "a writer that writes a row after recording its change does not deadlock with the row's other writer",
    async () => {
      // One: writes a, records a change, then writes b. Two: writes b first, then records a
      // change. With the ordering lock taken at the change insert, one held it while
      // waiting for b and two held b while waiting for it: PostgreSQL aborted one of them.
      const oneRecorded = gate();
      const twoWroteB = gate();
      const one = database.db.transaction().execute(async (trx) => {
        await trx.updateTable("lease").set({ holder: "one" }).where("name", "=", "a").execute();
        await recordChange(trx, { kind: "settings", keys: ["one"] });
        oneRecorded.open();
        await twoWroteB.opened;
        await trx.updateTable("lease").set({ holder: "one" }).where("name", "=", "b").execute();
      });
      const two = other.db.transaction().execute(async (trx) => {
        await oneRecorded.opened;
        await trx.updateTable("lease").set({ holder: "two" }).where("name", "=", "b").execute();
        twoWroteB.open();
        await recordChange(trx, { kind: "settings", keys: ["two"] });
      });
      const outcomes = await Promise.allSettled([one, two]);
      expect(outcomes.map((o) => (o.status === "rejected" ? String(o.reason) : "ok"))).toEqual([
        "ok",
        "ok",
      ]);
      // Two committed first (one waited for its row): its change has the smaller id.
      const rows = await database.db
        .selectFrom("change")
        .select(["id", "payload"])
        .orderBy("id")
        .execute();
      expect(rows.map((r) => JSON.parse(r.payload).keys[0])).toEqual(["two", "one"]);
    },
  );

  it("a change recorded first but committed last gets the larger id", async () => {
    const twoCommitted = gate();
    const oneRecorded = gate();
    const one = database.db.transaction().execute(async (trx) => {
      await recordChange(trx, { kind: "settings", keys: ["one"] });
      oneRecorded.open();
      // SQLite has one writer at a time: two cannot commit while one is open.
      if (dialect === "postgres") await twoCommitted.opened;
    });
    if (dialect === "sqlite") await one;
    await oneRecorded.opened;
    await other.db
      .transaction()
      .execute((trx) => recordChange(trx, { kind: "settings", keys: ["two"] }));
    // A reader now: whatever it sees is final; no smaller id may appear later.
    const seenAfterTwo = await latestChangeId(database.db);
    twoCommitted.open();
    await one;
    const rows = await database.db
      .selectFrom("change")
      .select(["id", "payload"])
      .orderBy("id")
      .execute();
    const order = rows.map((r) => JSON.parse(r.payload).keys[0]);
    expect(order).toEqual(dialect === "postgres" ? ["two", "one"] : ["one", "two"]);
    const later = rows.filter((r) => r.id > seenAfterTwo).map((r) => JSON.parse(r.payload).keys[0]);
    expect(later).toEqual(dialect === "postgres" ? ["one"] : []);
  });

  it("many concurrent writers of the same rows all commit, each change once", async () => {
    const writers = Array.from({ length: 12 }, (_, i) =>
      (i % 2 === 0 ? database : other).db.transaction().execute(async (trx) => {
        const first = i % 2 === 0 ? "a" : "b";
        await trx
          .updateTable("lease")
          .set({ holder: `w${i}` })
          .where("name", "=", first)
          .execute();
        await recordChange(trx, { kind: "settings", keys: [`w${i}`] });
        // A write after the change, as an import's next article: the ids are renumbered at
        // commit, under contention, and every change must still be there exactly once.
        await trx
          .updateTable("lease")
          .set({ expires_at: `w${i}` })
          .where("name", "=", first)
          .execute();
      }),
    );
    const outcomes = await Promise.allSettled(writers);
    expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
    const rows = await database.db.selectFrom("change").select("payload").execute();
    expect(rows.map((r) => JSON.parse(r.payload).keys[0]).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `w${i}`).sort(),
    );
  });
});
