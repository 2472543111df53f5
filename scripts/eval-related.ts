/**
 * Related-articles evaluation over a labeled corpus (a folder with articles.jsonl).
 *
 *   npm run eval:related -- --corpus ../shared/fixtures/news/basil [--json] [--k 10]
 *     [--lead-only] [--no-dates] [--max-per-cluster 2] [--corpus another/dir …]
 *
 * Harder variants: `--lead-only` keeps headline + first paragraph, `--max-per-cluster 2`
 * cuts every cluster to a pair, several `--corpus` share one index (each other's
 * distractors). `--k` is the retrieval depth (at least 10, for nDCG@10).
 *
 * Prints R-precision, precision@5, recall@5 and nDCG@10 for the engine and two baselines
 * computed in the same run; `--json` prints one object keyed by method, then metric.
 */

import { basename } from "node:path";
import { parseArgs } from "node:util";
import { capClusters, loadLabeledCorpus, mergeCorpora } from "../src/related/labeled-corpus.js";
import { type EvalMethod, evaluateRelated } from "../src/related/related-eval.js";

const { values } = parseArgs({
  options: {
    corpus: { type: "string", multiple: true },
    json: { type: "boolean", default: false },
    k: { type: "string", default: "10" },
    "lead-only": { type: "boolean", default: false },
    "no-dates": { type: "boolean", default: false },
    "max-per-cluster": { type: "string" },
  },
});

if (!values.corpus || values.corpus.length === 0) {
  process.stderr.write(
    "usage: npm run eval:related -- --corpus <dir> [--json] [--k 10] [--lead-only] [--no-dates]\n",
  );
  process.exit(2);
}

const started = performance.now();
const loadOptions = { leadOnly: values["lead-only"], noDates: values["no-dates"] };
const max = values["max-per-cluster"] ? Number(values["max-per-cluster"]) : undefined;
const corpus = mergeCorpora(
  values.corpus.map((dir) => {
    const articles = loadLabeledCorpus(dir, loadOptions);
    return { name: basename(dir), articles: max ? capClusters(articles, max) : articles };
  }),
);
const report = evaluateRelated(corpus, { k: Number(values.k) });
const seconds = (performance.now() - started) / 1000;

if (values.json) {
  const out: Record<string, Record<string, number>> = {};
  for (const [method, m] of Object.entries(report)) {
    out[method] = {
      r_precision: m.r_precision,
      precision_at_5: m.precision_at_5,
      recall_at_5: m.recall_at_5,
      ndcg_at_10: m.ndcg_at_10,
    };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
} else {
  const clusters = new Set(corpus.map((a) => a.cluster)).size;
  process.stdout.write(
    `${values.corpus.join(" + ")}: ${corpus.length} articles, ${clusters} clusters${values["lead-only"] ? ", headline + lead only" : ""}${max ? `, at most ${max} a cluster` : ""}${values["no-dates"] ? ", no dates" : ""}, ${seconds.toFixed(1)} s\n`,
  );
  process.stdout.write("method            R-prec   P@5     R@5     nDCG@10  queries\n");
  for (const method of ["engine", "baseline_recent", "baseline_tfidf"] as EvalMethod[]) {
    const m = report[method];
    const f = (x: number) => x.toFixed(4).padEnd(8);
    process.stdout.write(
      `${method.padEnd(18)}${f(m.r_precision)}${f(m.precision_at_5)}${f(m.recall_at_5)}${f(m.ndcg_at_10)} ${m.queries}\n`,
    );
  }
}
