import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { datelineDate, isDatelineOnly, urlDate } from "./dateline.js";
import type { RelatedDoc } from "./related-types.js";

/** One line of a labeled corpus `articles.jsonl`. */
const LabeledLine = z.object({
  id: z.union([z.string(), z.number()]),
  cluster_id: z.union([z.string(), z.number()]),
  title: z.string().nullish(),
  text: z.string().nullish(),
  date: z.string().nullish(),
  source: z.string().nullish(),
  url: z.string().nullish(),
});

export interface LabeledArticle {
  doc: RelatedDoc;
  cluster: string;
}

export interface LoadOptions {
  /** Keep only the headline and first paragraph (the "hard" variant). */
  leadOnly?: boolean;
  /** Drop dates, to measure the engine without time signals. */
  noDates?: boolean;
}

function paragraphs(text: string): string[] {
  const parts = /\n\s*\n/.test(text) ? text.split(/\n\s*\n/) : text.split("\n");
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Maps one corpus line to the engine's document: lead = first paragraph not repeating the title. */
export function toRelatedDoc(
  line: z.infer<typeof LabeledLine>,
  options: LoadOptions = {},
): RelatedDoc {
  const title = (line.title ?? "").trim();
  const paras = paragraphs(line.text ?? "");
  if (paras[0] && title && paras[0].toLowerCase() === title.toLowerCase()) paras.shift();
  const text = paras.join("\n");
  // A bare dateline at the top is not the lead; it stays part of the text, after it.
  const datelines: string[] = [];
  while (paras[0] !== undefined && isDatelineOnly(paras[0])) datelines.push(paras.shift() ?? "");
  // Records without a date: the URL's date, else a dateline at the top of the text.
  const date = options.noDates
    ? undefined
    : (line.date ?? urlDate(line.url) ?? datelineDate(`${title}\n${text}`));
  const doc: RelatedDoc = {
    id: String(line.id),
    title,
    lead: paras[0] ?? "",
    body: [...datelines, ...(options.leadOnly ? [] : paras.slice(1))].join("\n\n"),
  };
  if (line.source) doc.source = line.source;
  if (date) doc.publishedAt = date;
  return doc;
}

/** Reads `<dir>/articles.jsonl`; throws with the line number on a malformed line. */
export function loadLabeledCorpus(dir: string, options: LoadOptions = {}): LabeledArticle[] {
  const text = readFileSync(join(dir, "articles.jsonl"), "utf8");
  const out: LabeledArticle[] = [];
  text.split("\n").forEach((raw, i) => {
    if (!raw.trim()) return;
    const parsed = LabeledLine.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new Error(`articles.jsonl line ${i + 1}: ${parsed.error.message}`);
    out.push({ doc: toRelatedDoc(parsed.data, options), cluster: String(parsed.data.cluster_id) });
  });
  return out;
}

/** Keeps the first `max` articles of each cluster (a harder corpus of pairs with max = 2). */
export function capClusters(corpus: readonly LabeledArticle[], max: number): LabeledArticle[] {
  const seen = new Map<string, number>();
  return corpus.filter((a) => {
    const n = seen.get(a.cluster) ?? 0;
    seen.set(a.cluster, n + 1);
    return n < max;
  });
}

/** Several corpora as one index: clusters and ids are prefixed with `name:` to stay apart. */
export function mergeCorpora(
  corpora: readonly { name: string; articles: readonly LabeledArticle[] }[],
): LabeledArticle[] {
  if (corpora.length === 1) return [...(corpora[0]?.articles ?? [])];
  return corpora.flatMap(({ name, articles }) =>
    articles.map((a) => ({
      doc: { ...a.doc, id: `${name}:${a.doc.id}` },
      cluster: `${name}:${a.cluster}`,
    })),
  );
}
