import type { Database } from "../db/database.js";
import { type ArticleSummary, listPublishedByIds } from "./article-queries.js";
import { expandQuery } from "./search-expand.js";
import type { SearchFilter } from "./search-filter.js";
import { loadSearchLexicon, trendTitles } from "./search-lexicon.js";
import { rankPostgres } from "./search-rank-postgres.js";
import { FULL_RANK_LIMIT, rankSqlite, toFtsQuery } from "./search-rank-sqlite.js";
import { makeSnippet, markSnippet } from "./search-snippet.js";
import {
  cutQuery,
  MAX_QUERY_LENGTH,
  parseQuery,
  type QueryPart,
  type QueryWord,
} from "./search-terms.js";
import { topicsTitled, withTopics } from "./search-topics.js";

export type { SearchFilter };
export { cutQuery, FULL_RANK_LIMIT, MAX_QUERY_LENGTH, markSnippet, toFtsQuery };

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

export async function searchArticles(
  database: Database,
  input: string,
  now: string,
  page: { limit: number; offset: number },
  filter: SearchFilter = {},
  /** Tests lower the engines' own limits to reach the tiered ranking with a few articles. */
  tuning: { fullRankLimit?: number } = {},
): Promise<SearchResult> {
  const query = cutQuery(input);
  const typed = parseQuery(query);
  if (typed.length === 0) return { query, total: 0, hits: [] };
  const parts = await expandedQuery(database, typed);
  const ranked =
    database.dialect === "sqlite"
      ? await rankSqlite(database, parts, now, filter, tuning.fullRankLimit ?? FULL_RANK_LIMIT)
      : await rankPostgres(
          database,
          parts,
          now,
          filter,
          tuning.fullRankLimit ?? Number.MAX_SAFE_INTEGER,
        );
  if (!ranked) return { query, total: 0, hits: [] };
  const ids = ranked.slice(page.offset, page.offset + page.limit).map((r) => r.id);
  // Snippets are made for the shown page only.
  const [summaries, snippets] = await Promise.all([
    listPublishedByIds(database.db, now, ids),
    snippetsFor(database, parts, ids),
  ]);
  const hits: SearchHit[] = summaries.map((article) => ({
    article,
    snippet: markSnippet(snippets.get(article.id) ?? ""),
  }));
  return { query, total: ranked.length, hits };
}

/**
 * The reader's words with their other spellings and names (search-expand.ts), or else the
 * Chinese hashtags whose stored English title they spell out (search-topics.ts).
 */
async function expandedQuery(database: Database, typed: QueryWord[]): Promise<QueryPart[]> {
  const runs = typed.flatMap((p) => (p.kind === "cjk" ? [p.words.join("")] : []));
  const [lexicon, titles] = await Promise.all([
    loadSearchLexicon(database.db),
    trendTitles(database.db, runs),
  ]);
  const parts = expandQuery(typed, lexicon, titles);
  return withTopics(parts, await topicsTitled(database, parts));
}

/** Snippets from the stored text of the shown articles (see search-snippet.ts for why). */
async function snippetsFor(
  database: Database,
  parts: QueryPart[],
  ids: number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await database.db
    .selectFrom("article")
    .select(["id", "plain_text"])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, makeSnippet(r.plain_text, parts)]));
}
