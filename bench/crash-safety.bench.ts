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
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { build } from "esbuild";
import { ensureCategories } from "../src/content/categories.js";
import { type DialectName, openDatabase } from "../src/db/database.js";
import { createTestDatabase, type TestDatabase } from "../test/support/test-database.js";
import { checkAfterCrash } from "./support/crash-invariants.js";
import { checkFullAndReadOnly } from "./support/disk-full.js";
import { probeFts } from "./support/fts-probe.js";

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const iterations = Number(option("--iterations") ?? (argv.includes("--quick") ? 5 : 200));
const dialects = (option("--dialects") ?? "sqlite,postgres").split(",") as DialectName[];

const WORKLOAD = "node_modules/.cache/resou-bench/crash-workload.mjs";

/** One bundle of the workload, so each child starts without compiling TypeScript. */
async function bundleWorkload() {
  await build({
    entryPoints: ["bench/support/crash-workload.ts"],
    outfile: WORKLOAD,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
}

interface Writer {
  child: ChildProcess;
  loaded: Promise<void>;
  ready: Promise<void>;
}

/** Spawns a writer that loads and connects, then waits for `go` before writing. */
function spawnWriter(database: TestDatabase, seed: number): Writer {
  const child = spawn(process.execPath, [WORKLOAD, database.url, database.schema, String(seed)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const wait = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const early = (code: number | null) => reject(new Error(`workload exited early (${code})`));
      child.once("exit", early);
      lines.on("line", (line) => {
        if (line !== word) return;
        child.off("exit", early);
        resolve();
      });
    });
  const loaded = wait("loaded");
  const ready = wait("ready");
  // Unobserved until awaited; a child killed before then must not crash the bench.
  loaded.catch(() => undefined);
  ready.catch(() => undefined);
  return { child, loaded, ready };
}

/** Lets the loaded writer write, waits until it does, a random while, then SIGKILLs it. */
async function killDuringWrites(writer: Writer, random: () => number) {
  await writer.loaded;
  writer.child.stdin?.write("go\n");
  await writer.ready;
  await new Promise((r) => setTimeout(r, 50 + random() * 1500));
  const exited = new Promise((r) => writer.child.once("exit", r));
  writer.child.kill("SIGKILL");
  await exited;
}

let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

await bundleWorkload();
let failed = false;
for (const dialect of dialects) {
  const database = await createTestDatabase(dialect);
  await ensureCategories(database.db, ["Society"]);
  const started = performance.now();
  let violations = 0;
  const fts = { keptNotOk: 0, freshNotOk: 0, searchDiffers: 0, searchMisses: 0 };
  const examples: string[] = [];
  try {
    let next = spawnWriter(database, 1);
    for (let i = 1; i <= iterations; i++) {
      const writer = next;
      await killDuringWrites(writer, random);
      // The next writer loads while this kill is checked; it writes nothing before `go`.
      if (i < iterations) next = spawnWriter(database, i + 1);
      // A fresh connection, as a restarted process has.
      const fresh = await openDatabase({ url: database.url, schema: database.schema });
      if (dialect === "sqlite") {
        // The long-lived connection was open (idle) through the child's writes and kill.
        const [kept, now] = [await probeFts(database), await probeFts(fresh)];
        if (kept.integrity !== "ok") fts.keptNotOk += 1;
        if (now.integrity !== "ok") fts.freshNotOk += 1;
        if (kept.matches !== now.matches) fts.searchDiffers += 1;
        if (now.matches !== now.articles) fts.searchMisses += 1;
        if (kept.integrity !== "ok" && examples.length < 3) examples.push(kept.integrity);
      }
      const problems = await checkAfterCrash(fresh).finally(() => fresh.destroy());
      if (problems.length > 0) {
        violations += 1;
        console.log(`${dialect} kill ${i}: ${problems.join("; ")}`);
      }
      if (i % 25 === 0)
        console.log(`${dialect}: ${i} kills so far, ${violations} with a violation`);
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
    if (dialect === "sqlite") {
      console.log(
        `sqlite search index after ${iterations} kills: integrity_check not ok on the long-lived connection ${fts.keptNotOk}×, on a fresh one ${fts.freshNotOk}×; search results differing between them ${fts.searchDiffers}×; fresh search missing articles ${fts.searchMisses}×${examples.length > 0 ? ` (e.g. ${examples.join(" | ")})` : ""}`,
      );
      if (fts.freshNotOk > 0 || fts.searchDiffers > 0 || fts.searchMisses > 0) failed = true;
    }
    if (violations > 0) failed = true;
  } finally {
    await database.destroy();
  }
}
if (dialects.includes("sqlite")) {
  const problems = await checkFullAndReadOnly();
  console.log(
    problems.length === 0
      ? "sqlite disk full: clear error, nothing saved, file sound (read-only: src/cli/database-faults.test.ts)"
      : problems.join("\n"),
  );
  if (problems.length > 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
