/**
 * Public pages served by the real server (issue 11): builds N articles recombined from real
 * news sentences (the search bench's corpus), starts `src/main.ts` (web role) in its own
 * process, and measures with autocannon on loopback, in one run: a raw Node `http` server
 * handing out a fixed page of the article's size (the baseline), then article, home,
 * category, search and RSS, warm (cached) and cold (rendered: distinct articles, or the first
 * request after an invalidation), without and with `Accept-Encoding`. Prints req/s, p50, p99,
 * the ratio to the baseline, peak RSS, start time to the first served page, and on
 * PostgreSQL publish-to-visible across two server processes.
 *
 *   tsx bench/pages.bench.ts [--n 100000] [--dialects sqlite,postgres] [--seconds 10]
 *   tsx bench/pages.bench.ts --quick      5,000 articles, 3-second runs
 *
 * Targets: warm article/home/RSS ≥ 0.8× raw and p99 < 10 ms at 50 connections; cold article
 * ≥ 2,000 req/s at 100,000 articles on both databases; one web process < 400 MB peak RSS;
 * start to first page < 2 s; publish to visible on every process < 1 s.
 */
import { sql } from "kysely";
import { readPlacement, recordArticleChange } from "../src/changes/article-placement.js";
import { writerChangeFeed } from "../src/changes/database-change-feed.js";
import { silentLogger } from "../src/core/log.js";
import type { DialectName } from "../src/db/database.js";
import { createTestDatabase, type TestDatabase } from "../test/support/test-database.js";
import { load } from "./search.bench.js";
import {
  fetchBytes,
  fetchText,
  type LoadResult,
  measure,
  memoryMb,
  type RunningServer,
  startRawServer,
  startServer,
} from "./support/page-load.js";
import { loadRealSentences, percentile } from "./support/real-sentences.js";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const N = Number(arg("n", quick ? "5000" : "100000"));
const SECONDS = Number(arg("seconds", quick ? "3" : "10"));
const CONNECTIONS = Number(arg("connections", "50"));
const DIALECTS = arg("dialects", "sqlite,postgres").split(",") as DialectName[];
const COMPRESSED = { "Accept-Encoding": "gzip, deflate, br" };

const row = (label: string, r: LoadResult, baseline: number, sameBytes?: number) =>
  console.log(
    `  ${label.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(4)} ms  ${(r.rps / baseline).toFixed(2)}× raw${sameBytes === undefined ? "" : `  ${(r.rps / sameBytes).toFixed(2)}× raw of the same bytes`}${r.non2xx + r.errors > 0 ? `  (${r.non2xx} non-2xx, ${r.errors} errors)` : ""}`,
  );

/**
 * A page much larger than the article (the RSS feed carries 50 full bodies, ~4× an article)
 * moves more bytes a request through the kernel and the client: its fair baseline is Node's
 * raw server sending those same bytes, measured right after it.
 */
async function sameBytesBaseline(
  origin: string,
  path: string,
  headers: Record<string, string>,
  articleBytes: number,
): Promise<number | undefined> {
  const sent = await fetchBytes(origin, path, headers);
  if (sent.body.length < articleBytes * 1.5) return undefined;
  const raw = await startRawServer(sent.body, sent.encoding);
  try {
    const r = await measure(raw.origin, { seconds: SECONDS, connections: CONNECTIONS, path: "/" });
    return r.rps;
  } finally {
    raw.server.close();
  }
}

async function pageText(origin: string, path: string): Promise<string> {
  return (await fetchText(origin, path)).body;
}

/** Writes a new headline and its change in one transaction, then waits for every process. */
async function publishEdit(database: TestDatabase, id: number, headline: string): Promise<void> {
  const feed = await writerChangeFeed(database, silentLogger);
  const now = new Date();
  const changeId = await database.db.transaction().execute(async (trx) => {
    const before = await readPlacement(trx, id, now);
    await trx
      .updateTable("article")
      .set({ headline, updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    return recordArticleChange(trx, id, before, now);
  });
  await feed.settle(changeId);
  await feed.stop();
}

async function benchDialect(dialect: DialectName, sentences: string[]) {
  console.log(`\n${dialect}: building ${N.toLocaleString("en")} articles…`);
  const database = await createTestDatabase(dialect);
  const servers: RunningServer[] = [];
  try {
    let t0 = performance.now();
    // Bodies rendered at write time, as the article store writes every article.
    const corpus = await load(database, N, sentences, { bodyHtml: true });
    if (dialect === "postgres") await sql`vacuum analyze`.execute(database.db);
    console.log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const env = { DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema };
    const server = await startServer(env);
    servers.push(server);
    console.log(`  start to first served page: ${server.startMs.toFixed(0)} ms (target < 2,000)`);
    const origin = server.origin;
    const last = await database.db
      .selectFrom("article")
      .select(["id", "slug"])
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const category = await database.db
      .selectFrom("category")
      .select("slug")
      .where("id", "=", corpus.categoryIds[0] ?? 0)
      .executeTakeFirstOrThrow();
    const article = `/news/${last.slug}`;
    const pages: [string, string][] = [
      ["article", article],
      ["home", "/"],
      ["category", `/category/${category.slug}`],
      ["search", "/search?q=president"],
      ["RSS", "/feed.xml"],
    ];
    const page = Buffer.from(await pageText(origin, article));
    const raw = await startRawServer(page);
    const baseline = await measure(raw.origin, {
      seconds: SECONDS,
      connections: CONNECTIONS,
      path: "/",
    });
    raw.server.close();
    console.log(
      `  raw Node, ${page.length.toLocaleString("en")} bytes: ${baseline.rps.toFixed(0)} req/s  p50 ${baseline.p50} ms  p99 ${baseline.p99} ms`,
    );
    for (const [label, path] of pages) {
      for (const [encoding, headers] of [
        ["identity", {}],
        ["br", COMPRESSED],
      ] as const) {
        await pageText(origin, path);
        const warm = await measure(origin, {
          seconds: SECONDS,
          connections: CONNECTIONS,
          path,
          headers,
        });
        const same = await sameBytesBaseline(origin, path, headers, page.length);
        row(`warm ${label} (${encoding})`, warm, baseline.rps, same);
      }
    }
    // Cold article pages: every request names an article not requested before, from the
    // newest-but-one down (the newest was rendered by the warm runs), so each one is rendered
    // from the database. The walk never wraps: once every article has been asked for, later
    // requests could be cache hits, so the run is reported as exhausted instead.
    let next = last.id;
    let walked = 0;
    const coldPath = () => {
      if (next > 1) {
        next -= 1;
        walked += 1;
      }
      return `/news/a-${next - 1}`;
    };
    for (const [encoding, headers] of [
      ["identity", {}],
      ["br", COMPRESSED],
    ] as const) {
      const before = walked;
      const cold = await measure(origin, {
        seconds: SECONDS,
        connections: CONNECTIONS,
        path: coldPath,
        headers,
      });
      row(`cold article (${encoding})`, cold, baseline.rps);
      if (next <= 1) {
        console.log(
          `    (only ${walked - before} distinct articles were left: the walk ran out, so the figure above includes cache hits; use a larger --n)`,
        );
      }
    }
    // Cold lists: the first request after an invalidation (an edit of the newest article,
    // which every list shows), one request at a time.
    const firstAfter = new Map<string, number[]>(pages.map(([label]) => [label, []]));
    for (let k = 0; k < (quick ? 5 : 15); k += 1) {
      await publishEdit(database, last.id, `Edited headline ${k}`);
      for (const [label, path] of pages) {
        t0 = performance.now();
        await pageText(origin, path);
        firstAfter.get(label)?.push(performance.now() - t0);
      }
    }
    console.log(
      `  first request after an invalidation (p50): ${[...firstAfter]
        .map(
          ([label, ms]) =>
            `${label} ${percentile(
              ms.sort((a, b) => a - b),
              50,
            ).toFixed(1)} ms`,
        )
        .join(", ")}`,
    );
    if (dialect === "postgres") {
      const second = await startServer(env);
      servers.push(second);
      const delays: number[] = [];
      for (let k = 0; k < 10; k += 1) {
        const headline = `Visible everywhere ${k}`;
        await Promise.all(servers.map((s) => pageText(s.origin, article)));
        t0 = performance.now();
        await publishEdit(database, last.id, headline);
        for (const s of servers) {
          while (!(await pageText(s.origin, article)).includes(headline)) {
            if (performance.now() - t0 > 10_000) throw new Error("edit not visible within 10 s");
          }
        }
        delays.push(performance.now() - t0);
      }
      delays.sort((a, b) => a - b);
      console.log(
        `  publish to visible on 2 processes: p50 ${percentile(delays, 50).toFixed(0)} ms, max ${delays.at(-1)?.toFixed(0)} ms (target < 1,000)`,
      );
    }
    for (const [i, s] of servers.entries()) {
      const mem = memoryMb(s.pid);
      console.log(
        `  web process ${i + 1}: peak RSS ${mem.peak.toFixed(0)} MB, now ${mem.rss.toFixed(0)} MB (target < 400)`,
      );
    }
  } finally {
    for (const s of servers) await s.stop();
    await database.destroy();
  }
}

const sentences = loadRealSentences();
console.log(
  `pages: ${N.toLocaleString("en")} articles, ${CONNECTIONS} connections, ${SECONDS} s per run`,
);
for (const dialect of DIALECTS) await benchDialect(dialect, sentences);
