import { type RawBuilder, sql, type Transaction } from "kysely";
import type { Tables } from "../db/schema.js";
import type { QueryPart } from "./search-terms.js";
import { toTsQuery, wordTsQueries } from "./search-tsquery.js";

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

/**
 * Needs `max_parallel_workers_per_gather = 0` in the transaction: a parallel plan divides
 * the rows among workers.
 */
export async function estimateMatches(
  trx: Transaction<Tables>,
  parts: QueryPart[],
): Promise<Estimates> {
  const words = parts.length > 1 || parts[0]?.kind !== "term" ? wordTsQueries(parts) : [];
  const arms: [Column, RawBuilder<unknown>][] = [
    ["document", toTsQuery(parts)],
    ["summary", toTsQuery(parts)],
    ["head", toTsQuery(parts)],
    ...words.flatMap((w): [Column, RawBuilder<unknown>][] => [
      ["document", w],
      ["summary", w],
    ]),
  ];
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
      .map(([c], i) => (i >= 3 && c === column ? rowsOf(i) : 0))
      .filter((n) => n > 1);
    return judged.length ? Math.max(whole, Math.min(...judged)) : whole;
  };
  const document = rowsOf(0);
  const summary = rowsOf(1);
  return {
    document,
    summary,
    head: rowsOf(2),
    documentMost: most("document", document),
    summaryMost: most("summary", summary),
  };
}
