/**
 * `npm run bench`: the benchmarks, each in its own process (so memory figures are its own),
 * printing what each prints: absolute figures and ratios against a baseline that the same
 * run measures. `npm run bench -- --quick` uses small corpora for a smoke run;
 * `npm run bench -- hostile` (any word of a file name) runs only the matching ones.
 * The long ones (a 10-minute soak, 200 kills per database, the whole XSS corpus) run only
 * when named or with `--all`.
 */
import { spawn } from "node:child_process";

const quick = process.argv.includes("--quick");
const all = process.argv.includes("--all");
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));

interface Bench {
  name: string;
  file: string;
  args: string[];
  nodeArgs?: string[];
  long?: boolean;
}

const BENCHES: Bench[] = [
  { name: "trends ingest (a day of minute snapshots)", file: "bench/trends-ingest.ts", args: [] },
  {
    name: "related articles (index, top-k, publish, rebuild, memory)",
    file: "bench/related.bench.ts",
    args: quick ? ["--n", "10000", "--sample", "500"] : [],
    nodeArgs: ["--expose-gc"],
  },
  { name: "search", file: "bench/search.bench.ts", args: quick ? ["--n", "10000"] : [] },
  {
    name: "pages (cached and rendered, raw Node baseline, two processes)",
    file: "bench/pages.bench.ts",
    args: quick ? ["--quick"] : [],
  },
  {
    name: "cold article render (CPU per page, stored body HTML against Markdown)",
    file: "bench/cold-render.bench.ts",
    args: quick ? ["--quick"] : [],
  },
  {
    name: "drafting pipeline (topic to draft, replayed provider)",
    file: "bench/drafting.bench.ts",
    args: quick ? ["--runs", "2"] : [],
  },
  { name: "claim checks (1,000 words, 10 sources)", file: "bench/checks.bench.ts", args: [] },
  {
    name: "pictures (share card render, upload to variants)",
    file: "bench/pictures.bench.ts",
    args: quick ? ["--quick"] : [],
  },
  {
    name: "password check (Argon2id default beside the older scrypt settings)",
    file: "bench/password.bench.ts",
    args: quick ? ["--runs", "5"] : [],
  },
  {
    name: "/healthz while another process holds the SQLite write lock",
    file: "bench/busy-database.bench.ts",
    args: [],
  },
  {
    name: "memory and throughput under a mixed load",
    file: "bench/load-memory.bench.ts",
    args: quick ? ["--quick"] : [],
    long: true,
  },
  {
    name: "crash safety (kill -9 during writes)",
    file: "bench/crash-safety.bench.ts",
    args: quick ? ["--quick"] : [],
    long: true,
  },
  {
    name: "hostile (XSS corpus in Chromium)",
    file: "bench/hostile.bench.ts",
    args: quick ? ["--quick"] : [],
    long: true,
  },
];

function runOne(bench: Bench): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...(bench.nodeArgs ?? []), "--import", "tsx", bench.file, ...bench.args],
      { stdio: "inherit" },
    );
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

const chosen = BENCHES.filter((b) =>
  only.length > 0 ? only.some((word) => b.file.includes(word)) : all || !b.long,
);
let failed = 0;
for (const bench of chosen) {
  process.stdout.write(`\n== ${bench.name} ==\n`);
  const started = performance.now();
  const code = await runOne(bench);
  process.stdout.write(
    `(${bench.file}: ${((performance.now() - started) / 1000).toFixed(1)} s, exit ${code})\n`,
  );
  if (code !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
