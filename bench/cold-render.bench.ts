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
    // Slugs are a-0 … a-(N-1); walked from the newest down, never the same one twice.
    let next = N;
    const render = async (count: number) => {
      const cpu0 = process.cpuUsage();
      const wall0 = performance.now();
      for (let i = 0; i < count; i += 1) {
        next -= 1;
        const res = await app.request(`/news/a-${next}`);
        if (res.status !== 200) throw new Error(`/news/a-${next}: ${res.status}`);
        await res.arrayBuffer();
      }
      const cpu = process.cpuUsage(cpu0);
      return {
        cpu: (cpu.user + cpu.system) / 1000 / count,
        wall: (performance.now() - wall0) / count,
      };
    };
    await render(WARMUP);
    const stored = await render(K);
    // The next K articles as an older build left them: no stored HTML.
    await database.db
      .updateTable("article")
      .set({ body_html: "" })
      .where(
        "slug",
        "in",
        Array.from({ length: K }, (_, k) => `a-${next - 1 - k}`),
      )
      .execute();
    const markdown = await render(K);
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
