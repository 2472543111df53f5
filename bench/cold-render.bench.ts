/**
 * CPU time of one cold article page (issue 11): builds N articles as the pages bench does,
 * then renders K distinct never-rendered articles one at a time through the real app (page
 * cache included, so compression and storing count), and prints main-thread plus thread-pool
 * CPU milliseconds per page and wall milliseconds per page. CPU time is far less sensitive to
 * other load on the machine than requests/s, which is why this exists beside
 * `pages.bench.ts`. In the same run, the same count of other articles is rendered with their
 * stored body HTML cleared (the Markdown and sanitizer path that rows from older builds take):
 * the ratio between the two is the in-run baseline.
 *
 *   tsx bench/cold-render.bench.ts [--n 100000] [--k 500] [--dialects sqlite,postgres]
 *   tsx bench/cold-render.bench.ts --quick      5,000 articles, 200 pages
 *
 * Target (in `pages.bench.ts`): ≥ 2,000 cold article pages/s at 100,000 articles, which on
 * one core leaves < 0.5 ms of CPU per page.
 */
import { sql } from "kysely";
import { createApp } from "../src/app/create-app.js";
import { writerChangeFeed } from "../src/changes/database-change-feed.js";
import { loadConfig } from "../src/config/env.js";
import { systemClock } from "../src/core/clock.js";
import { silentLogger } from "../src/core/log.js";
import type { DialectName } from "../src/db/database.js";
import { CategoryMemo } from "../src/web/category-memo.js";
import { PageCache } from "../src/web/page-cache/page-cache.js";
import { createTestDatabase } from "../test/support/test-database.js";
import { load } from "./search.bench.js";
import { loadRealSentences } from "./support/real-sentences.js";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const N = Number(arg("n", quick ? "5000" : "100000"));
const K = Number(arg("k", quick ? "200" : "500"));
const DIALECTS = arg("dialects", "sqlite,postgres").split(",") as DialectName[];
const WARMUP = 20;

async function benchDialect(dialect: DialectName, sentences: string[]) {
  console.log(`\n${dialect}: building ${N.toLocaleString("en")} articles…`);
  const database = await createTestDatabase(dialect);
  const changes = await writerChangeFeed(database, silentLogger);
  try {
    const t0 = performance.now();
    await load(database, N, sentences, { bodyHtml: true });
    if (dialect === "postgres") await sql`vacuum analyze`.execute(database.db);
    console.log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const app = createApp({
      database,
      config: loadConfig({ SITE_URL: "http://127.0.0.1" }),
      clock: systemClock,
      log: silentLogger,
      changes,
      categories: new CategoryMemo(),
      pageCache: new PageCache({ maxBytes: 64 * 1024 * 1024, now: () => Date.now() }),
    });
    // Slugs are a-0 … a-(N-1), each rendered at most once: stored-HTML pages from the newest
    // down, Markdown pages from the oldest up. The oldest, because building the corpus ran
    // every body through `renderMarkdown`, whose memo keeps the last 2,000: the newest bodies
    // would be memo hits, not renders.
    // One page at a time, the two kinds interleaved, so drift in the machine's load and in
    // the JIT's warmth falls on both alike.
    const renderOne = async (slug: string) => {
      const cpu0 = process.cpuUsage();
      const wall0 = performance.now();
      const res = await app.request(`/news/${slug}`);
      if (res.status !== 200) throw new Error(`/news/${slug}: ${res.status}`);
      await res.arrayBuffer();
      const cpu = process.cpuUsage(cpu0);
      return { cpu: (cpu.user + cpu.system) / 1000, wall: performance.now() - wall0 };
    };
    const newest = (from: number, count: number) =>
      Array.from({ length: count }, (_, k) => `a-${N - 1 - from - k}`);
    const oldest = Array.from({ length: K }, (_, k) => `a-${k}`);
    if (N < 2_000 + WARMUP + 2 * K)
      throw new Error(`--n must be at least ${2_000 + WARMUP + 2 * K}`);
    for (const slug of newest(0, WARMUP)) await renderOne(slug);
    // These as an older build left them: no stored HTML.
    await database.db
      .updateTable("article")
      .set({ body_html: "" })
      .where("slug", "in", oldest)
      .execute();
    const stored = { cpu: 0, wall: 0 };
    const markdown = { cpu: 0, wall: 0 };
    for (const [k, slug] of newest(WARMUP, K).entries()) {
      const a = await renderOne(slug);
      const b = await renderOne(oldest[k] ?? "");
      stored.cpu += a.cpu / K;
      stored.wall += a.wall / K;
      markdown.cpu += b.cpu / K;
      markdown.wall += b.wall / K;
    }
    const line = (label: string, r: { cpu: number; wall: number }) =>
      console.log(
        `  ${label.padEnd(40)} CPU ${r.cpu.toFixed(2).padStart(6)} ms/page  wall ${r.wall.toFixed(2).padStart(6)} ms/page`,
      );
    line("cold article, stored body HTML", stored);
    line("cold article, body rendered from Markdown", markdown);
    console.log(
      `  stored / Markdown CPU: ${(stored.cpu / markdown.cpu).toFixed(2)}×; ${(1000 / stored.cpu).toFixed(0)} pages per CPU-second (target 2,000 req/s)`,
    );
  } finally {
    await changes.stop();
    await database.destroy();
  }
}

const sentences = loadRealSentences();
console.log(`cold render: ${N.toLocaleString("en")} articles, ${K} pages per figure`);
for (const dialect of DIALECTS) await benchDialect(dialect, sentences);
