/**
 * Plain JavaScript so it loads beside the built server without a TypeScript loader. Loaded into the server of `load-memory.bench.ts` with `--import`: every second it appends
 * the process's memory broken down (V8 heap used and total, memory outside the heap held by
 * Buffers and other externals, RSS) as one JSON line to the file named by
 * RESOU_MEMORY_PROBE, so the bench can tell a growing heap from growth outside it (native
 * caches, allocator fragmentation).
 */
import { appendFileSync } from "node:fs";

const file = process.env.RESOU_MEMORY_PROBE;
if (file) {
  const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  setInterval(() => {
    const m = process.memoryUsage();
    const line = {
      at: Date.now(),
      rss: mb(m.rss),
      heapUsed: mb(m.heapUsed),
      heapTotal: mb(m.heapTotal),
      external: mb(m.external),
      arrayBuffers: mb(m.arrayBuffers),
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, 1000).unref();
}
