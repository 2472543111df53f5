import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/test-database.js";

/**
 * The fast slice of `npm run bench -- crash-safety`: a writer (import, snapshot ingest, jobs)
 * killed with SIGKILL at random moments, then the invariants: nothing half-written,
 * duplicated or lost, every job done exactly once after recovery; on SQLite also a full
 * database failing cleanly. The bench runs 200 kills per database.
 */
describe.each(TEST_DIALECTS)("kill -9 during writes on %s", (dialect) => {
  it("leaves nothing half-written, duplicated or lost", () => {
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "bench/crash-safety.bench.ts",
        "--iterations",
        "2",
        "--dialects",
        dialect,
      ],
      { encoding: "utf8", timeout: 110_000 },
    );
    expect(run.stdout).toContain(`${dialect}: 2 kills, 0 with a violation`);
    expect(run.status).toBe(0);
  }, 120_000);
});
