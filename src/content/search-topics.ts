import { sql } from "kysely";
import { segmentChinese } from "../core/chinese-segment.js";
import type { Database } from "../db/database.js";
import { ftsQuery } from "./search-rank-sqlite.js";
import type { QueryOption, QueryPart } from "./search-terms.js";
import { toTsQuery } from "./search-tsquery.js";

/** Hashtags one query may add: the newest, as a hashtag's title names what trends now. */
export const MAX_TOPICS = 8;

/**
 * The Chinese hashtags (`trend_topic.word`) whose English title, as the trend desk or its
 * translator stored it, holds every word of an English query. Read at query time through
 * the title index (migration 1200), so a title that arrived after the articles about the
 * hashtag were saved still finds them. Chinese queries ask nothing here: search-lexicon's
 * trendTitles goes the other way, by the hashtag's indexed word.
 */
export async function topicsTitled(database: Database, parts: QueryPart[]): Promise<string[]> {
  const latin = latinParts(parts);
  if (!latin) return [];
  const rows =
    database.dialect === "sqlite"
      ? await sqliteTopics(database, latin)
      : (
          await sql<{ word: string }>`
            select word from trend_topic
            where title_en <> '' and to_tsvector('english', title_en) @@ ${toTsQuery(latin)}
            order by id desc limit ${MAX_TOPICS}`.execute(database.db)
        ).rows;
  return [...new Set(rows.map((r) => r.word).filter(Boolean))];
}

async function sqliteTopics(database: Database, latin: QueryPart[]) {
  const match = ftsQuery(latin);
  if (!match) return [];
  // Newest topics first: ids grow with the first sighting.
  const { rows } = await sql<{ word: string }>`
    select word from trend_topic where id in (
      select rowid from trend_topic_title_fts where trend_topic_title_fts match ${match}
      order by rowid desc limit ${MAX_TOPICS})
    order by id desc`.execute(database.db);
  return rows;
}

/**
 * The query's English side: every part's Latin options (a name's Chinese spellings left
 * out, as titles are English). `undefined` when a part has none, such as a Chinese word.
 */
function latinParts(parts: QueryPart[]): QueryPart[] | undefined {
  const out: QueryPart[] = [];
  for (const part of parts) {
    if (part.kind === "cjk") return undefined;
    if (part.kind !== "any") {
      out.push(part);
      continue;
    }
    const options = part.options.filter((o) => o.kind !== "cjk" && o.kind !== "query");
    if (options.length === 0) return undefined;
    out.push({ kind: "any", options });
  }
  return out.length ? out : undefined;
}

/** The query, or else one of the hashtags it names: the articles about them match too. */
export function withTopics(parts: QueryPart[], words: string[]): QueryPart[] {
  if (words.length === 0) return parts;
  // As the index holds a hashtag: its Chinese words only (chineseSearchTerms).
  const hashtags = words
    .map(
      (word): QueryOption => ({
        kind: "cjk",
        words: (word.match(/\p{Script=Han}+/gu) ?? []).flatMap((run) => segmentChinese(run)),
      }),
    )
    .filter((o) => o.kind === "cjk" && o.words.length > 0);
  if (hashtags.length === 0) return parts;
  return [{ kind: "any", options: [{ kind: "query", parts }, ...hashtags] }];
}
