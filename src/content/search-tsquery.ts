import { type RawBuilder, sql } from "kysely";
import type { QueryOption, QueryPart } from "./search-terms.js";

/**
 * PostgreSQL tsquery for a reader's query: each part built by a tsquery function from plain
 * words (parseQuery leaves letters and digits only), so no input reaches it as syntax.
 */
export function toTsQuery(parts: QueryPart[]): RawBuilder<unknown> {
  return sql`(${sql.join(parts.map(tsPart), sql` && `)})`;
}

/** One part or option of a query as a tsquery. */
export function tsPart(part: QueryPart | QueryOption): RawBuilder<unknown> {
  switch (part.kind) {
    case "term":
      return sql`to_tsquery('english', ${part.text + (part.prefix ? ":*" : "")})`;
    case "phrase":
      return sql`phraseto_tsquery('english', ${part.raw ?? part.words.join(" ")})`;
    case "cjk":
      return sql`phraseto_tsquery('simple', ${part.words.join(" ")})`;
    case "all":
      return sql`plainto_tsquery('english', ${part.words.join(" ")})`;
    case "query":
      return toTsQuery(part.parts);
    case "any":
      return sql`(${sql.join(part.options.map(tsPart), sql` || `)})`;
  }
}

/** Words judged one by one for an upper bound on the matches; more add little. */
const MAX_WORDS = 6;

/** One tsquery per word of the query (phrases and Chinese runs split into their words). */
export function wordTsQueries(parts: QueryPart[]): RawBuilder<unknown>[] {
  const words = parts.flatMap((part) => {
    if (part.kind === "term" || part.kind === "any") return [tsPart(part)];
    return part.words.map((word) =>
      part.kind === "phrase"
        ? sql`to_tsquery('english', ${word})`
        : sql`to_tsquery('simple', ${word})`,
    );
  });
  return words.slice(0, MAX_WORDS);
}
