import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { type ArticleSummary, listPublishedByIds } from "./article-queries.js";

export interface SearchHit {
  article: ArticleSummary;
  /** Safe HTML: escaped text with the matched words in <mark>. */
  snippet: string;
}

export interface SearchResult {
  query: string;
  total: number;
  hits: SearchHit[];
}

export const MAX_QUERY_LENGTH = 200;
const OPEN = "\u0002";
const CLOSE = "\u0003";

/**
 * Reader queries become quoted terms and phrases, so FTS syntax in the input (`NEAR`,
 * `-`, `:`, `^`, unbalanced quotes) is matched as text and can never raise an error.
 * A trailing `*` on a word keeps its prefix meaning.
 */
export function toFtsQuery(input: string): string | undefined {
  const parts: string[] = [];
  const pattern = /"([^"]*)"?|([^\s"]+)/g;
  for (const match of input.slice(0, MAX_QUERY_LENGTH).matchAll(pattern)) {
    const phrase = match[1];
    if (phrase !== undefined) {
      const words = phrase.match(/[\p{L}\p{N}]+/gu);
      if (words) parts.push(`"${words.join(" ")}"`);
      continue;
    }
    const raw = match[2] ?? "";
    const words = raw.match(/[\p{L}\p{N}]+/gu);
    if (!words) continue;
    const prefix = raw.endsWith("*") && words.length === 1;
    parts.push(`"${words.join(" ")}"${prefix ? "*" : ""}`);
  }
  return parts.length ? parts.join(" ") : undefined;
}

export async function searchArticles(
  database: Database,
  input: string,
  now: string,
  page: { limit: number; offset: number },
): Promise<SearchResult> {
  const query = input.trim().slice(0, MAX_QUERY_LENGTH);
  const empty = { query, total: 0, hits: [] };
  const ranked =
    database.dialect === "sqlite"
      ? await rankSqlite(database, query, now)
      : await rankPostgres(database, query, now);
  if (!ranked) return empty;
  const window = ranked.slice(page.offset, page.offset + page.limit);
  if (window.length === 0) return { ...empty, total: ranked.length };
  const summaries = new Map(
    (
      await listPublishedByIds(
        database.db,
        now,
        window.map((w) => w.id),
      )
    ).map((a) => [a.id, a]),
  );
  const hits: SearchHit[] = [];
  for (const w of window) {
    const article = summaries.get(w.id);
    if (article) hits.push({ article, snippet: markSnippet(w.snippet) });
  }
  return { query, total: ranked.length, hits };
}

interface RankedRow {
  id: number;
  snippet: string;
}

async function rankSqlite(
  database: Database,
  query: string,
  now: string,
): Promise<RankedRow[] | undefined> {
  const fts = toFtsQuery(query);
  if (!fts) return undefined;
  const { rows } = await sql<RankedRow>`
    select article.id as id,
           snippet(article_fts, 1, ${OPEN}, ${CLOSE}, '…', 24) as snippet
    from article_fts
    join article on article.id = article_fts.rowid
    where article_fts match ${fts}
      and article.status = 'published' and article.published_at <= ${now}
    order by bm25(article_fts, 8.0, 1.0), article.published_at desc
    limit 1000`.execute(database.db);
  return rows;
}

async function rankPostgres(
  database: Database,
  query: string,
  now: string,
): Promise<RankedRow[] | undefined> {
  if (!/[\p{L}\p{N}]/u.test(query)) return undefined;
  const { rows } = await sql<RankedRow>`
    with q as (select websearch_to_tsquery('english', ${query}) as query)
    select article.id as id,
           ts_headline('english', article_fts.body, q.query,
             ${`StartSel=${OPEN}, StopSel=${CLOSE}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet
    from article_fts
    join article on article.id = article_fts.rowid
    cross join q
    where article_fts.document @@ q.query
      and article.status = 'published' and article.published_at <= ${now}
    order by ts_rank_cd(article_fts.document, q.query) desc, article.published_at desc
    limit 1000`.execute(database.db);
  return rows;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Escapes the engine's snippet, then turns our private markers into <mark>. */
export function markSnippet(snippet: string): string {
  return escapeHtml(snippet).replaceAll(OPEN, "<mark>").replaceAll(CLOSE, "</mark>");
}
