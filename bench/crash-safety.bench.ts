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
import { PhaseTimes } from "./support/phase-times.js";

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const iterations = Number(option("--iterations") ?? (argv.includes("--quick") ? 5 : 200));
const dialects = (option("--dialects") ?? "sqlite,postgres").split(",") as DialectName[];

const WORKLOAD = "node_modules/.cache/resou-bench/crash-workload.mjs";

/**
 * One bundle of the workload and every pure-JavaScript package it uses, so each child starts
 * without compiling TypeScript or resolving hundreds of files: a child costs about 0.5 s of
 * CPU instead of 1.5 s, most of an iteration. Native modules stay outside. jsdom (a second of
 * CPU to load, and it reads its own files by `__dirname`) is loaded from node_modules on its
 * first `new JSDOM`, which the writes never reach: what a child writes is unchanged.
 */
async function bundleWorkload() {
  await build({
    entryPoints: ["bench/support/crash-workload.ts"],
    outfile: WORKLOAD,
    bundle: true,
    platform: "node",
    format: "esm",
    external: ["better-sqlite3", "pg-native", "sharp", "node-llama-cpp", "canvas"],
    banner: {
      js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);',
    },
    plugins: [
      {
        name: "lazy-jsdom",
        setup(bundle) {
          bundle.onResolve({ filter: /^jsdom$/ }, () => ({ path: "jsdom", namespace: "lazy" }));
          bundle.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({
            contents: `import { createRequire } from "node:module";
              const load = () => createRequire(import.meta.url)("jsdom");
              export class JSDOM { constructor(...args) { return new (load().JSDOM)(...args); } }`,
            resolveDir: process.cwd(),
          }));
        },
      },
    ],
    logLevel: "warning",
  });
}

interface Writer {
  child: ChildProcess;
  loaded: Promise<void>;
  ready: Promise<void>;
  /** Where the child was when killed: its last step and the jobs it was running. */
  killPoint(): string;
  /** Resolves once everything the child wrote to stdout has been read. */
  drained: Promise<void>;
}

/** Spawns a writer that loads and connects, then waits for `go` before writing. */
function spawnWriter(database: TestDatabase, seed: number): Writer {
  const child = spawn(process.execPath, [WORKLOAD, database.url, database.schema, String(seed)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const stdout = child.stdout as NonNullable<typeof child.stdout>;
  const lines = createInterface({ input: stdout });
  let step = "before the first step";
  const jobs = new Map<string, number>();
  lines.on("line", (line) => {
    if (line.startsWith("step ")) step = line.slice(5);
    const [sign, kind] = line.split(" ");
    if (kind && (sign === "job+" || sign === "job-"))
      jobs.set(kind, (jobs.get(kind) ?? 0) + (sign === "job+" ? 1 : -1));
  });
  const drained = new Promise<void>((resolve) => lines.once("close", resolve));
  const killPoint = () => {
    const running = [...jobs].filter(([, n]) => n > 0).map(([kind]) => kind);
    return running.length > 0 ? `${step} + job ${running.join(", ")} running` : step;
  };
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
  return { child, loaded, ready, killPoint, drained };
}

/**
 * Lets the loaded writer write, waits until it does, a random while, then SIGKILLs it.
 * `writing` runs once it writes (the bench starts the next child then, so that child loads
 * during this one's writes and check). Returns where the kill landed.
 */
async function killDuringWrites(
  writer: Writer,
  random: () => number,
  time: PhaseTimes,
  writing: () => void,
): Promise<string> {
  let t = performance.now();
  await writer.loaded;
  t = time.add("waiting for the child to load", t);
  writer.child.stdin?.write("go\n");
  await writer.ready;
  writing();
  t = time.add("child ready after go", t);
  await new Promise((r) => setTimeout(r, 50 + random() * 1500));
  t = time.add("writing until the kill", t);
  // A writer that died on its own (an error in the workload) is a failure, not a kill point.
  if (writer.child.exitCode !== null)
    throw new Error(`the workload exited by itself (${writer.child.exitCode}) before the kill`);
  const exited = new Promise((r) => writer.child.once("exit", r));
  writer.child.kill("SIGKILL");
  await exited;
  await writer.drained;
  time.add("kill to exit", t);
  return writer.killPoint();
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
  const time = new PhaseTimes();
  const killPoints = new Map<string, number>();
  const fts = { keptNotOk: 0, freshNotOk: 0, searchDiffers: 0, searchMisses: 0 };
  const examples: string[] = [];
  try {
    let next = spawnWriter(database, 1);
    for (let i = 1; i <= iterations; i++) {
      const writer = next;
      // The next writer loads while this one writes and is checked; it writes nothing
      // before `go`.
      const point = await killDuringWrites(writer, random, time, () => {
        if (i < iterations) next = spawnWriter(database, i + 1);
      });
      killPoints.set(point, (killPoints.get(point) ?? 0) + 1);
      let t = performance.now();
      // A fresh connection, as a restarted process has.
      const fresh = await openDatabase({ url: database.url, schema: database.schema });
      t = time.add("open fresh connection", t);
      if (dialect === "sqlite") {
        // The long-lived connection was open (idle) through the child's writes and kill.
        const [kept, now] = [await probeFts(database), await probeFts(fresh)];
        if (kept.integrity !== "ok") fts.keptNotOk += 1;
        if (now.integrity !== "ok") fts.freshNotOk += 1;
        if (kept.matches !== now.matches) fts.searchDiffers += 1;
        if (now.matches !== now.articles) fts.searchMisses += 1;
        if (kept.integrity !== "ok" && examples.length < 3) examples.push(kept.integrity);
        t = time.add("search-index probes", t);
      }
      const problems = await checkAfterCrash(fresh, time).finally(() => fresh.destroy());
      time.add("close fresh connection", t);
      if (problems.length > 0) {
        violations += 1;
        console.log(`${dialect} kill ${i} (during ${point}): ${problems.join("; ")}`);
      }
      if (i % 25 === 0)
        console.log(
          `${dialect}: ${i} kills so far, ${violations} with a violation, ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
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
    console.log(`${dialect}: mean per kill: ${time.report(iterations)}`);
    console.log(
      `${dialect}: kills landed during: ${[...killPoints]
        .sort((x, y) => y[1] - x[1])
        .map(([point, n]) => `${point} ${n}`)
        .join(", ")}`,
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
