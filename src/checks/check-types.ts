/**
 * The vocabulary of claim checks, shared by the checks, the flag store, the editor, the
 * command line and the evaluation harness. Pure types: no database, no I/O.
 */

/** Kinds a check raises; the first eleven are the evaluation's kinds, `entailment` is the judge's. */
export const CHECK_KINDS = [
  "uncited",
  "number",
  "date",
  "quote",
  "name",
  "title",
  "relative_date",
  "ordinal",
  "attribution",
  "freshness",
  "structure",
  "entailment",
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One source of the bundle; `id` is the citation number `n` of `[n]`. */
export interface CheckSource {
  id: number;
  outlet: string;
  /** ISO-8601 with zone, or null when the outlet does not date the item. */
  publishedAt: string | null;
  text: string;
  url?: string;
  title?: string;
}

/** What the checks read: the article as written and its sources. */
export interface CheckInput {
  headline: string;
  /** Null when the format carries no dek (an evaluation case): the dek rule is then skipped. */
  dek: string | null;
  /** ISO-8601 with zone: the moment relative dates are resolved against. */
  publishedAt: string;
  /** IANA zone of the newsroom, e.g. `Asia/Shanghai`. */
  timeZone: string;
  /** City of the dateline (`BEIJING —`), when the story has one. */
  dateline?: string;
  /** Lead and sections as Markdown (`## ` headings) with `[n]` citation markers. */
  body: string;
  sources: CheckSource[];
}

export interface CheckFlag {
  kind: CheckKind;
  severity: Severity;
  /** Index of the sentence in the article's sentence list (headline and dek excluded), -1 for the whole article. */
  sentenceIndex: number;
  /** The sentence as written (markers included), or a short label for article-level flags. */
  sentence: string;
  /** What is wrong, for the editor. */
  message: string;
  /** The source passage looked at (or the reference row), empty when there is none. */
  evidence: string;
}
