import { join } from "node:path";
import { type LabeledArticle, loadLabeledCorpus } from "./labeled-corpus.js";
import { trainingSet } from "./related-training.js";

/** The four labeled development corpora, by folder name under the fixtures' `news/`. */
export const DEV_CORPORA = ["ecbplus", "basil", "allsides-dev", "gva-dev"] as const;

/** A corpus in one of its two forms: whole articles, or headline + lead only. */
export interface CorpusVariant {
  corpus: string;
  leadOnly: boolean;
  name: string;
  articles: LabeledArticle[];
}

export function loadVariants(dir: string, corpora: readonly string[]): CorpusVariant[] {
  return corpora.flatMap((corpus) =>
    [false, true].map((leadOnly) => ({
      corpus,
      leadOnly,
      name: `${corpus}${leadOnly ? " (headline + lead)" : ""}`,
      articles: loadLabeledCorpus(join(dir, corpus), { leadOnly }),
    })),
  );
}

/** Training rows of every corpus in both forms. */
export function devTrainingSets(dir: string, corpora: readonly string[]) {
  return loadVariants(dir, corpora).map((v) => trainingSet(v.name, v.articles));
}
