/**
 * Related-articles engine at scale (issue 4): N articles recombined from the fixtures' real
 * sentences. Prints top-5 latency (p50/p95), one publish (add + affected lists), full
 * rebuild (index + every list) and index memory, each with a ratio against brute-force
 * TF-IDF cosine measured in the same run on a sample and scaled linearly to N.
 *
 *   npx tsx bench/related.bench.ts [--n 100000] [--sample 3000] [--json]
 *
 * Targets (issue 13): top-5 p50 < 1 ms, publish p95 < 20 ms, index RSS ≤ 300 MB at 100,000;
 * rebuild < 2 min.
 */
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createTfidfBaseline } from "../src/related/baseline-tfidf.js";
import { createRelatedIndex } from "../src/related/related-index.js";
import type { RelatedId } from "../src/related/related-types.js";
import { buildCorpus } from "./related-corpus.js";
import { seededRandom } from "./support/real-sentences.js";

export interface RelatedBenchResult {
  n: number;
  topK: { p50: number; p95: number; baselineP50AtN: number };
  publish: { p50: number; p95: number; affectedMean: number; baselineAtN: number };
  rebuild: {
    indexSeconds: number;
    listsSeconds: number;
    totalSeconds: number;
    cpuSeconds: number;
    baselineSecondsAtN: number;
  };
  memory: { rssMb: number; heapMb: number; arraysMb: number; baselineRssMbAtN: number };
}

function pct(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ??
    Number.NaN
  );
}

function timeEach(count: number, f: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    f(i);
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

/** Memory after a full collection; the pauses let freed buffers be swept (with --expose-gc). */
async function memory() {
  const g = globalThis as { gc?: () => void };
  for (let i = 0; i < 2; i++) {
    g.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed + m.arrayBuffers };
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

const MB = 1024 * 1024;

export async function run(
  options: { n?: number; sample?: number; quiet?: boolean } = {},
): Promise<RelatedBenchResult> {
  const n = options.n ?? 100_000;
  const sampleSize = Math.min(n, options.sample ?? 3000);
  const log = (s: string) => {
    if (!options.quiet) process.stdout.write(`${s}\n`);
  };
  const fresh = buildCorpus(n + 60, 7);
  const docs = fresh.slice(0, n);
  const extra = fresh.slice(n).map((d, i) => ({ ...d, id: n + 1 + i }));
  log(
    `corpus: ${n} articles recombined from real news sentences (load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores)`,
  );

  const before = await memory();
  const index = createRelatedIndex();
  let t = performance.now();
  let cpu = cpuSeconds();
  index.rebuild(docs);
  const indexSeconds = (performance.now() - t) / 1000;
  const indexCpu = cpuSeconds() - cpu;
  const after = await memory();

  const random = seededRandom(1);
  const ids: RelatedId[] = Array.from(
    { length: 500 },
    () => docs[Math.floor(random() * n)]?.id ?? 1,
  );
  timeEach(50, (i) => index.topK(ids[i] as RelatedId, 5));
  const top = timeEach(ids.length, (i) => index.topK(ids[i] as RelatedId, 5));

  let affectedTotal = 0;
  const publish = timeEach(extra.length, (i) => {
    const doc = extra[i];
    if (!doc) return;
    index.add(doc);
    const affected = index.affectedBy(doc.id);
    affectedTotal += affected.length;
    index.topK(doc.id, 5);
    for (const a of affected) index.topK(a, 5);
  });

  // Every list, as the rebuild command stores them (timed on all n when n <= 20,000, else on
  // a 20,000-article slice and scaled).
  const listCount = Math.min(n, 20_000);
  t = performance.now();
  cpu = cpuSeconds();
  for (let i = 0; i < listCount; i++) index.topK((docs[i] as { id: RelatedId }).id, 5);
  const listsSeconds = ((performance.now() - t) / 1000) * (n / listCount);
  const listsCpu = (cpuSeconds() - cpu) * (n / listCount);

  // Baseline: brute-force TF-IDF cosine on a sample, scaled linearly to n.
  const sample = docs.slice(0, sampleSize);
  const beforeBaseline = await memory();
  t = performance.now();
  const baseline = createTfidfBaseline(sample);
  const baselineBuild = (performance.now() - t) / 1000;
  const baselineMem = (await memory()).heap - beforeBaseline.heap;
  const sampleIds = sample.slice(0, 100).map((d) => d.id);
  const brute = timeEach(sampleIds.length, (i) =>
    baseline.topKBruteForce(sampleIds[i] as RelatedId, 5),
  );
  const scale = n / sampleSize;
  const baselineTop = pct(brute, 50) * scale;

  const result: RelatedBenchResult = {
    n,
    topK: { p50: pct(top, 50), p95: pct(top, 95), baselineP50AtN: baselineTop },
    publish: {
      p50: pct(publish, 50),
      p95: pct(publish, 95),
      affectedMean: affectedTotal / extra.length,
      // A naive engine recomputes every list on publish.
      baselineAtN: baselineTop * n,
    },
    rebuild: {
      indexSeconds,
      listsSeconds,
      totalSeconds: indexSeconds + listsSeconds,
      cpuSeconds: indexCpu + listsCpu,
      baselineSecondsAtN: baselineBuild * scale + (baselineTop * n) / 1000,
    },
    memory: {
      rssMb: (after.rss - before.rss) / MB,
      heapMb: (after.heap - before.heap) / MB,
      arraysMb: index.byteSize() / MB,
      baselineRssMbAtN: (baselineMem * scale) / MB,
    },
  };
  const r = (x: number, d = 2) => x.toFixed(d);
  const ratio = (ours: number, base: number) => `${r(base / ours, 1)}x better than baseline`;
  log(
    `top-5 latency: p50 ${r(result.topK.p50)} ms, p95 ${r(result.topK.p95)} ms (target p50 < 1 ms); brute-force TF-IDF p50 at N ~${r(baselineTop)} ms: ${ratio(result.topK.p50, baselineTop)}`,
  );
  log(
    `publish (add + ${r(result.publish.affectedMean, 1)} affected lists): p50 ${r(result.publish.p50)} ms, p95 ${r(result.publish.p95)} ms (target p95 < 20 ms); recompute-all baseline ~${r(result.publish.baselineAtN / 1000, 0)} s: ${ratio(result.publish.p95, result.publish.baselineAtN)}`,
  );
  log(
    `full rebuild: index ${r(indexSeconds, 1)} s + all lists ${r(listsSeconds, 1)} s = ${r(result.rebuild.totalSeconds, 1)} s wall, ${r(result.rebuild.cpuSeconds, 1)} s CPU (target < 120 s); brute-force baseline ~${r(result.rebuild.baselineSecondsAtN, 0)} s: ${ratio(result.rebuild.totalSeconds, result.rebuild.baselineSecondsAtN)}`,
  );
  log(
    `index memory: RSS +${r(result.memory.rssMb, 0)} MB, heap+buffers +${r(result.memory.heapMb, 0)} MB, typed arrays ${r(result.memory.arraysMb, 0)} MB (target RSS ≤ 300 MB); full TF-IDF vectors at N ~${r(result.memory.baselineRssMbAtN, 0)} MB: ${ratio(Math.max(1, result.memory.heapMb), result.memory.baselineRssMbAtN)}`,
  );
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "100000" },
      sample: { type: "string", default: "3000" },
      json: { type: "boolean", default: false },
    },
  });
  const result = await run({
    n: Number(values.n),
    sample: Number(values.sample),
    quiet: values.json,
  });
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
}
