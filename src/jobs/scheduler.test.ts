import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { fixedClock } from "../core/clock.js";
import { silentLogger } from "../core/log.js";
import { openDatabase } from "../db/database.js";
import { acquireLease } from "./lease.js";
import { runTick } from "./scheduler.js";

describe.each(TEST_DIALECTS)("leases and scheduled ticks on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("gives a lease to one holder until it expires", async () => {
    const t0 = new Date("2025-08-26T00:00:00Z");
    expect(await acquireLease(database, "poll", "a", t0, 60_000)).toBe(true);
    expect(await acquireLease(database, "poll", "b", t0, 60_000)).toBe(false);
    expect(await acquireLease(database, "poll", "a", new Date(t0.getTime() + 30_000), 60_000)).toBe(
      true,
    );
    expect(await acquireLease(database, "poll", "b", new Date(t0.getTime() + 95_000), 60_000)).toBe(
      true,
    );
  });

  it("runs a tick once when two scheduler processes fire it together", async () => {
    const second = await openDatabase({ url: database.url, schema: database.schema });
    try {
      const clock = fixedClock("2025-08-26T09:00:00.020Z");
      let runs = 0;
      const task = {
        name: "publish-due",
        pattern: "0 * * * * *",
        run: async () => {
          runs += 1;
          await new Promise((r) => setTimeout(r, 20));
        },
      };
      const at = new Date("2025-08-26T09:00:00Z");
      const results = await Promise.all([
        runTick({ database, clock, log: silentLogger }, task, "p1", at),
        runTick(
          { database: second, clock, log: silentLogger },
          task,
          "p2",
          new Date(at.getTime() + 3),
        ),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(runs).toBe(1);
      // The next minute's tick runs again.
      clock.set("2025-08-26T09:01:00.010Z");
      expect(
        await runTick(
          { database: second, clock, log: silentLogger },
          task,
          "p2",
          new Date("2025-08-26T09:01:00Z"),
        ),
      ).toBe(true);
      expect(runs).toBe(2);
    } finally {
      await second.destroy();
    }
  });
});
