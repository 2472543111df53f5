/**
 * Search latency at scale: N articles recombined from real news sentences, loaded into
 * SQLite and PostgreSQL, then a fixed set of reader queries. Prints p50/p95 per engine and
 * the ratio against a baseline measured in the same run (a LIKE scan, what a site without
 * a search index does). Run: `npx tsx bench/search.bench.ts [--n 100000] [--dialects sqlite,postgres]`.
 * Target (issue 4): p95 under 30 ms at 100,000 articles.
 */
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { searchArticles } from "../src/content/search-queries.js";
import { chineseSearchTerms } from "../src/content/search-terms.js";
import type { DialectName } from "../src/db/database.js";
import { createTestDatabase, type TestDatabase } from "../test/support/test-database.js";
import { loadRealSentences, percentile, seededRandom } from "./support/real-sentences.js";

const QUERIES = [
  "president",
  "earthquake",
  "police said",
  '"prime minister"',
  "elect*",
  "Obama health care",
  "fire killed",
  "rehab actress",
  "特朗普",
  "court ruling appeal",
];

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

export async function load(database: TestDatabase, n: number, sentences: string[]) {
  const random = seededRandom(42);
  const pick = () => sentences[Math.floor(random() * sentences.length)] ?? "";
  const category = await database.db
    .insertInto("category")
    .values({ slug: "news", name: "News", description: "", position: 0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const author = await database.db
    .insertInto("author")
    .values({ slug: "desk", name: "Desk", kind: "desk", bio: "" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const batch = 500;
  for (let start = 0; start < n; start += batch) {
    const rows: { headline: string; body: string; at: string; slug: string }[] = [];
    for (let i = start; i < Math.min(n, start + batch); i += 1) {
      const headline = pick().slice(0, 180);
      const body = Array.from({ length: 8 + Math.floor(random() * 8) }, pick).join(" ");
      const extra = i % 50 === 0 ? " 特朗普称与金正恩关系非常好" : "";
      const at = new Date(Date.UTC(2024, 0, 1) + i * 600_000).toISOString();
      rows.push({ headline, body: body + extra, at, slug: `a-${i}` });
    }
    await database.db.transaction().execute(async (trx) => {
      const ids = await trx
        .insertInto("article")
        .values(
          rows.map((r) => ({
            slug: r.slug,
            kind: "article" as const,
            headline: r.headline,
            dek: "",
            lead: r.body,
            sections: "[]",
            hashtag: "",
            hashtag_en: "",
            image_url: "",
            image_alt: "",
            word_count: 0,
            is_demo: 0,
            category_id: category.id,
            author_id: author.id,
            status: "published" as const,
            published_at: r.at,
            updated_at: r.at,
            created_at: r.at,
            time_zone: "UTC",
            plain_text: r.body,
          })),
        )
        .returning("id")
        .execute();
      const fts = rows.map((r, k) => ({
        rowid: ids[k]?.id ?? 0,
        headline: r.headline,
        body: r.body,
        cjk: chineseSearchTerms(r.body),
      }));
      if (database.dialect === "sqlite") {
        for (const f of fts) {
          await sql`insert into article_fts (rowid, headline, body, cjk) values (${f.rowid}, ${f.headline}, ${f.body}, ${f.cjk})`.execute(
            trx,
          );
        }
      } else {
        await trx.insertInto("article_fts").values(fts).execute();
      }
    });
  }
  if (database.dialect === "postgres") await sql`analyze`.execute(database.db);
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b);
}

export async function run(options: { n: number; dialects: DialectName[] }) {
  const sentences = loadRealSentences();
  const now = new Date(Date.UTC(2030, 0, 1)).toISOString();
  for (const dialect of options.dialects) {
    const database = await createTestDatabase(dialect);
    try {
      const t0 = performance.now();
      await load(database, options.n, sentences);
      const loadS = (performance.now() - t0) / 1000;
      const page = { limit: 20, offset: 0 };
      for (const q of QUERIES) await searchArticles(database, q, now, page); // warm caches
      const engine = await time(async () => {
        for (const q of QUERIES) await searchArticles(database, q, now, page);
      }, 5);
      const perQuery = engine.map((ms) => ms / QUERIES.length);
      const baseline = await time(async () => {
        await database.db
          .selectFrom("article")
          .select("id")
          .where("plain_text", "like", "%police said%")
          .orderBy("published_at", "desc")
          .limit(20)
          .execute();
      }, 3);
      const p50 = percentile(perQuery, 50);
      const p95 = percentile(perQuery, 95);
      // Per-query p95 over single queries, too: the slowest query matters to a reader.
      const single: number[] = [];
      const perQueryMs: Record<string, number> = {};
      for (const q of QUERIES) {
        const samples = await time(() => searchArticles(database, q, now, page), 5);
        perQueryMs[q] = Number(percentile(samples, 50).toFixed(1));
        single.push(...samples);
      }
      single.sort((a, b) => a - b);
      console.log(
        JSON.stringify({
          bench: "search",
          dialect,
          articles: options.n,
          load_seconds: Number(loadS.toFixed(1)),
          query_ms_p50: Number(percentile(single, 50).toFixed(2)),
          query_ms_p95: Number(percentile(single, 95).toFixed(2)),
          batch_mean_ms_p50: Number(p50.toFixed(2)),
          batch_mean_ms_p95: Number(p95.toFixed(2)),
          baseline_like_scan_ms: Number(percentile(baseline, 50).toFixed(2)),
          speedup_vs_like_scan: Number(
            (percentile(baseline, 50) / percentile(single, 50)).toFixed(1),
          ),
          target_p95_ms: 30,
          // Median per query, to see which kind of query is the slow one.
          per_query_ms_p50: perQueryMs,
        }),
      );
    } finally {
      await database.destroy();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(argument("n", "100000"));
  const dialects = argument("dialects", "sqlite,postgres").split(",") as DialectName[];
  await run({ n, dialects });
}
