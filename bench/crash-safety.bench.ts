/**
 * Crash safety (issue 12, deliverable 6): a child process writes (import, snapshot ingest,
 * jobs) and is killed with SIGKILL at a random moment, again and again on the same database;
 * after each kill the invariants in `support/crash-invariants.ts` must hold on both databases.
 * Then SQLite is made full (`PRAGMA max_page_count`) and read-only: writes must fail with a
 * clear message and leave the file sound.
 *
 *   tsx bench/crash-safety.bench.ts            200 kills per database
 *   tsx bench/crash-safety.bench.ts --quick    5 kills per database
 *   --iterations <n>  --dialects sqlite,postgres
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { ensureCategories } from "../src/content/categories.js";
import { type DialectName, openDatabase } from "../src/db/database.js";
import { createTestDatabase, type TestDatabase } from "../test/support/test-database.js";
import { checkAfterCrash } from "./support/crash-invariants.js";
import { checkFullAndReadOnly } from "./support/disk-full.js";

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const iterations = Number(option("--iterations") ?? (argv.includes("--quick") ? 5 : 200));
const dialects = (option("--dialects") ?? "sqlite,postgres").split(",") as DialectName[];

/** Starts the writer, waits until it writes, lets it run a random while, then SIGKILLs it. */
async function killDuringWrites(database: TestDatabase, seed: number, random: () => number) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "bench/support/crash-workload.ts",
      database.url,
      database.schema,
      String(seed),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`workload exited early (${code})`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line === "ready") resolve();
    });
  });
  await new Promise((r) => setTimeout(r, 50 + random() * 1500));
  child.removeAllListeners("exit");
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

let failed = false;
for (const dialect of dialects) {
  const database = await createTestDatabase(dialect);
  await ensureCategories(database.db, ["Society"]);
  const started = performance.now();
  let violations = 0;
  try {
    for (let i = 1; i <= iterations; i++) {
      await killDuringWrites(database, i, random);
      // A fresh connection, as a restarted process has: a connection kept open across the
      // child's writes holds FTS5 structure state from before them.
      const fresh = await openDatabase({ url: database.url, schema: database.schema });
      const problems = await checkAfterCrash(fresh).finally(() => fresh.destroy());
      if (problems.length > 0) {
        violations += 1;
        console.log(`${dialect} kill ${i}: ${problems.join("; ")}`);
      }
    }
    const totals = await Promise.all(
      (["article", "trend_snapshot", "trend_point", "job"] as const).map(async (table) => {
        const row = await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        return `${Number(row.n)} ${table}`;
      }),
    );
    console.log(
      `${dialect}: ${iterations} kills, ${violations} with a violation, ${((performance.now() - started) / 1000).toFixed(0)} s; rows: ${totals.join(", ")}`,
    );
    if (violations > 0) failed = true;
  } finally {
    await database.destroy();
  }
}
if (dialects.includes("sqlite")) {
  const problems = await checkFullAndReadOnly();
  console.log(
    problems.length === 0
      ? "sqlite disk full and read-only: clear errors, file sound"
      : problems.join("\n"),
  );
  if (problems.length > 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
