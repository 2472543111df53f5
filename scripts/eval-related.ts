/**
 * Related-articles evaluation over labeled corpora (folders with articles.jsonl).
 *
 *   npm run eval:related -- --corpus ../shared/fixtures/news/basil [--json] [--k 10]
 *     [--lead-only] [--no-dates] [--max-per-cluster 2] [--corpus another/dir …]
 *   npm run eval:related -- --all [--loo] [--json] [--corpora-dir ../shared/fixtures/news]
 *
 * `--corpus`: one index over the given corpora (several share one index, each other's
 * distractors); prints R-precision, precision@5, recall@5 and nDCG@10 for the engine and the
 * baselines computed in the same run; `--json` prints one object keyed by method, then metric.
 * Harder variants: `--lead-only` keeps headline + first paragraph, `--max-per-cluster 2`
 * cuts every cluster to a pair. `--k` is the retrieval depth (at least 10, for nDCG@10).
 *
 * `--all`: the four dev corpora, each in its own index, in full text and headline + lead:
 * engine, plain TF-IDF and BM25 (R-precision, nDCG@10) and their macro averages. `--loo`
 * adds the leave-one-corpus-out table: the model fitted on three corpora, reported on the
 * fourth. `--json` then prints corpus → method → metric (and `loo` → corpus → metric).
 */

import { basename } from "node:path";
import { parseArgs } from "node:util";
import { DEV_CORPORA, loadVariants } from "../src/related/dev-corpora.js";
import type { MetricSummary } from "../src/related/eval-metrics.js";
import { capClusters, loadLabeledCorpus, mergeCorpora } from "../src/related/labeled-corpus.js";
import { type EvalMethod, evaluateRelated } from "../src/related/related-eval.js";
import { createRelatedModel } from "../src/related/related-model.js";
import { fitRelatedModel } from "../src/related/related-model-fit.js";
import { trainingSet } from "../src/related/related-training.js";
import type { RelatedOptions } from "../src/related/related-types.js";

const { values } = parseArgs({
  options: {
    corpus: { type: "string", multiple: true },
    all: { type: "boolean", default: false },
    loo: { type: "boolean", default: false },
    "corpora-dir": { type: "string", default: "../shared/fixtures/news" },
    json: { type: "boolean", default: false },
    k: { type: "string", default: "10" },
    "lead-only": { type: "boolean", default: false },
    "no-dates": { type: "boolean", default: false },
    "max-per-cluster": { type: "string" },
    /** JSON of engine options to try (e.g. other field boosts); for `--loo` experiments. */
    "engine-options": { type: "string", default: "{}" },
  },
});
const engine = JSON.parse(values["engine-options"]) as Partial<RelatedOptions>;

const f = (x: number) => x.toFixed(4).padEnd(9);
const pick = (m: MetricSummary) => ({ r_precision: m.r_precision, ndcg_at_10: m.ndcg_at_10 });

if (values.all) runAll();
else if (values.corpus && values.corpus.length > 0) runCorpora(values.corpus);
else {
  process.stderr.write(
    "usage: npm run eval:related -- --corpus <dir> [--json] [--k 10] [--lead-only] [--no-dates]\n" +
      "       npm run eval:related -- --all [--loo] [--json] [--corpora-dir <dir>]\n",
  );
  process.exit(2);
}

function runCorpora(dirs: string[]) {
  const started = performance.now();
  const loadOptions = { leadOnly: values["lead-only"], noDates: values["no-dates"] };
  const max = values["max-per-cluster"] ? Number(values["max-per-cluster"]) : undefined;
  const corpus = mergeCorpora(
    dirs.map((dir) => {
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
    return;
  }
  const clusters = new Set(corpus.map((a) => a.cluster)).size;
  process.stdout.write(
    `${dirs.join(" + ")}: ${corpus.length} articles, ${clusters} clusters${values["lead-only"] ? ", headline + lead only" : ""}${max ? `, at most ${max} a cluster` : ""}${values["no-dates"] ? ", no dates" : ""}, ${seconds.toFixed(1)} s\n`,
  );
  process.stdout.write("method            R-prec   P@5      R@5      nDCG@10  queries\n");
  for (const method of Object.keys(report) as EvalMethod[]) {
    const m = report[method];
    process.stdout.write(
      `${method.padEnd(18)}${f(m.r_precision)}${f(m.precision_at_5)}${f(m.recall_at_5)}${f(m.ndcg_at_10)}${m.queries}\n`,
    );
  }
}

function runAll() {
  const variants = loadVariants(values["corpora-dir"], DEV_CORPORA);
  const methods: EvalMethod[] = ["engine", "baseline_tfidf", "baseline_bm25"];
  const table: Record<string, Record<string, ReturnType<typeof pick>>> = {};
  for (const v of variants) {
    const report = evaluateRelated(v.articles, { methods, engine });
    table[v.name] = Object.fromEntries(
      methods.filter((m) => report[m]).map((m) => [m, pick(report[m])]),
    );
  }
  const loo: Record<string, ReturnType<typeof pick>> = {};
  if (values.loo) {
    const sets = new Map(variants.map((v) => [v.name, trainingSet(v.name, v.articles, engine)]));
    for (const held of DEV_CORPORA) {
      const train = variants.filter((v) => v.corpus !== held).map((v) => sets.get(v.name));
      const model = createRelatedModel(fitRelatedModel(train.filter((s) => s !== undefined)));
      for (const v of variants.filter((x) => x.corpus === held)) {
        loo[v.name] = pick(
          evaluateRelated(v.articles, { methods: ["engine"], model, engine }).engine,
        );
      }
    }
  }
  const macro = (filter: (name: string) => boolean, method: string) => {
    const names = Object.keys(table).filter(filter);
    const mean = (metric: "r_precision" | "ndcg_at_10") =>
      names.reduce((s, n) => s + (table[n]?.[method]?.[metric] ?? 0), 0) / names.length;
    return { r_precision: mean("r_precision"), ndcg_at_10: mean("ndcg_at_10") };
  };
  const full = (n: string) => !n.includes("headline + lead");
  const lead = (n: string) => n.includes("headline + lead");
  const macros = {
    "macro, full text": Object.fromEntries(methods.map((m) => [m, macro(full, m)])),
    "macro, headline + lead": Object.fromEntries(methods.map((m) => [m, macro(lead, m)])),
  };
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ ...table, ...macros, ...(values.loo ? { loo } : {}) })}\n`,
    );
    return;
  }
  process.stdout.write(
    `${"corpus".padEnd(32)}${"engine R-prec nDCG".padEnd(20)}${"TF-IDF R-prec nDCG".padEnd(20)}${"BM25 R-prec nDCG".padEnd(20)}\n`,
  );
  for (const [name, row] of Object.entries({ ...table, ...macros })) {
    process.stdout.write(
      `${name.padEnd(32)}${methods.map((m) => `${f(row[m]?.r_precision ?? 0)} ${f(row[m]?.ndcg_at_10 ?? 0)}`).join(" ")}\n`,
    );
  }
  if (values.loo) {
    process.stdout.write("\nleave-one-corpus-out (model fitted on the other three corpora)\n");
    for (const [name, m] of Object.entries(loo)) {
      const base = table[name];
      const best = Math.max(
        base?.baseline_tfidf?.r_precision ?? 0,
        base?.baseline_bm25?.r_precision ?? 0,
      );
      process.stdout.write(
        `${name.padEnd(32)}R-prec ${f(m.r_precision)} nDCG@10 ${f(m.ndcg_at_10)} best baseline R-prec ${f(best)}\n`,
      );
    }
  }
}
