/**
 * `npm run bench`: every benchmark, each in its own process (so memory figures are its
 * own), printing what each prints: absolute figures and ratios against a baseline that the
 * same run measures. `npm run bench -- --quick` uses small corpora for a smoke run.
 */
import { spawn } from "node:child_process";

const quick = process.argv.includes("--quick");
/** `npm run bench -- <key>…` runs only the named benchmarks (keys below); none runs them all. */
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));

const BENCHES: { key?: string; name: string; file: string; args: string[]; nodeArgs?: string[] }[] =
  [
    { name: "trends ingest (a day of minute snapshots)", file: "bench/trends-ingest.ts", args: [] },
    {
      name: "related articles (index, top-k, publish, rebuild, memory)",
      file: "bench/related.bench.ts",
      args: quick ? ["--n", "10000", "--sample", "500"] : [],
      nodeArgs: ["--expose-gc"],
    },
    { name: "search", file: "bench/search.bench.ts", args: quick ? ["--n", "10000"] : [] },
    {
      key: "busy-database",
      name: "/healthz while another process holds the SQLite write lock",
      file: "bench/busy-database.bench.ts",
      args: [],
    },
  ];

function runOne(bench: (typeof BENCHES)[number]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...(bench.nodeArgs ?? []), "--import", "tsx", bench.file, ...bench.args],
      {
        stdio: "inherit",
      },
    );
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

let failed = 0;
for (const bench of BENCHES) {
  if (only.length > 0 && !only.includes(bench.key ?? "")) continue;
  process.stdout.write(`\n== ${bench.name} ==\n`);
  const started = performance.now();
  const code = await runOne(bench);
  process.stdout.write(
    `(${bench.file}: ${((performance.now() - started) / 1000).toFixed(1)} s, exit ${code})\n`,
  );
  if (code !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
