import { type RawBuilder, sql, type Transaction } from "kysely";
import type { Tables } from "../db/schema.js";
import type { QueryOption, QueryPart } from "./search-terms.js";
import { toTsQuery, tsPart, wordTsQueries } from "./search-tsquery.js";

/**
 * How many articles a query matches, as the planner estimates it from the column
 * statistics (no rows read: counting a common word's matches costs as much as ranking
 * them). All estimates come from one EXPLAIN, one round trip.
 */
export interface Estimates {
  /**
   * Matches of the whole query in `document`, `summary` and `head`. The planner multiplies
   * the words' shares, so words that go together come out far too few ("Obama health care"
   * at 100,000 articles: 198 guessed, 1,454 true), and a phrase is always guessed at 2.
   */
  document: number;
  summary: number;
  head: number;
  /**
   * The high guess: the fewest matches of any single word (7,487 for "Obama health care"),
   * which the whole query cannot exceed. Words estimated at 1 (stop words, which match
   * nothing and constrain nothing) are left out; none left, the whole query's guess.
   */
  documentMost: number;
  summaryMost: number;
}

interface PlanNode {
  "Plan Rows": number;
  "Relation Name"?: string;
  Output?: string[];
  Plans?: PlanNode[];
}

type Column = "document" | "summary" | "head";

/** Options of a widened word judged one by one; expansion keeps at most eight. */
const MAX_OPTION_ARMS = 8;

/**
 * Needs `max_parallel_workers_per_gather = 0` in the transaction: a parallel plan divides
 * the rows among workers.
 */
export async function estimateMatches(
  trx: Transaction<Tables>,
  parts: QueryPart[],
): Promise<Estimates> {
  const words = parts.length > 1 || parts[0]?.kind !== "term" ? wordTsQueries(parts) : [];
  // A word widened to its other spellings and names (特朗普 → Donald Trump, telangpu…): the
  // planner guesses an OR of words and phrases far too low (1,100 for 4,090 matches at
  // 100,000 articles), which sends thousands of matches to be scored one by one. Each option
  // is judged on its own: the matches are at least the most common option's, at most
  // all of theirs together.
  const only = parts.length === 1 ? parts[0] : undefined;
  const options = only?.kind === "any" ? only.options.slice(0, MAX_OPTION_ARMS) : [];
  const arms: [Column, RawBuilder<unknown>][] = [
    ["document", toTsQuery(parts)],
    ["summary", toTsQuery(parts)],
    ["head", toTsQuery(parts)],
    ...words.flatMap((w): [Column, RawBuilder<unknown>][] => [
      ["document", w],
      ["summary", w],
    ]),
  ];
  const optionArms = arms.length;
  for (const option of options)
    arms.push(["document", optionGuess(option)], ["summary", optionGuess(option)]);
  // Each arm selects its own number, which VERBOSE shows on its scan: the planner may
  // reorder the arms.
  const selects = arms.map(
    ([column, q], i) => sql`select ${sql.lit(i)} from article_fts where ${sql.ref(column)} @@ ${q}`,
  );
  const { rows } = await sql<{ "QUERY PLAN": { Plan: PlanNode }[] }>`
    explain (format json, verbose) ${sql.join(selects, sql` union all `)}`.execute(trx);
  const found = new Map<number, number>();
  const visit = (node: PlanNode | undefined) => {
    if (!node) return;
    const arm = node.Output?.length === 1 ? Number(node.Output[0]) : Number.NaN;
    if (node["Relation Name"] === "article_fts" && Number.isInteger(arm))
      found.set(arm, node["Plan Rows"]);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(rows[0]?.["QUERY PLAN"][0]?.Plan);
  const rowsOf = (i: number) => found.get(i) ?? 0;
  const most = (column: Column, whole: number) => {
    const judged = arms
      .map(([c], i) => (i >= 3 && i < optionArms && c === column ? rowsOf(i) : 0))
      .filter((n) => n > 1);
    return judged.length ? Math.max(whole, Math.min(...judged)) : whole;
  };
  const ofOptions = (column: Column) =>
    arms.flatMap(([c], i) => (i >= optionArms && c === column ? [rowsOf(i)] : []));
  const widened = (column: Column, whole: number) => {
    const each = ofOptions(column);
    const low = Math.max(whole, ...each);
    return {
      low,
      high: Math.max(
        low,
        each.reduce((sum, n) => sum + n, 0),
      ),
    };
  };
  const summary = widened("summary", rowsOf(1));
  // Every summary match is a document match. The planner's statistics keep the most common
  // words of each column, and the summaries' list holds words the documents' list has no
  // room for: 特朗普 at 100,000 articles is guessed at 2,463 summaries but 1,099 documents.
  const document = widened("document", Math.max(rowsOf(0), summary.low));
  return {
    document: document.low,
    summary: summary.low,
    head: rowsOf(2),
    documentMost: Math.max(most("document", document.low), document.high),
    summaryMost: Math.max(most("summary", summary.low), summary.high),
  };
}

/**
 * An option as the planner can judge it: a phrase as its words anywhere (a phrase itself is
 * always guessed at 2 rows, whatever its words).
 */
function optionGuess(option: QueryOption): RawBuilder<unknown> {
  if (option.kind === "phrase")
    return sql`plainto_tsquery('english', ${option.raw ?? option.words.join(" ")})`;
  if (option.kind === "cjk") return sql`plainto_tsquery('simple', ${option.words.join(" ")})`;
  return tsPart(option);
}
