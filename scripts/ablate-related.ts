/**
 * Out-of-sample contribution of each pair feature of the related model: for every feature
 * (or group), the leave-one-corpus-out R-precision of the model fitted without it, next to
 * the model with every feature. Scored over the engine's candidate pools (`pool-eval.ts`),
 * so one run takes minutes, not hours; the chosen set is then checked with
 * `npm run eval:related -- --all --loo`.
 *
 *   npx tsx scripts/ablate-related.ts [--corpora-dir ../shared/fixtures/news]
 *     [--without f1,f2] [--engine-options '{"aliases":false}'] [--only-base]
 */

import { parseArgs } from "node:util";
import { DEV_CORPORA, loadVariants } from "../src/related/dev-corpora.js";
import { PAIR_FEATURES } from "../src/related/pair-features.js";
import { poolRPrecision } from "../src/related/pool-eval.js";
import { createRelatedModel } from "../src/related/related-model.js";
import { fitRelatedModel, type TrainingSet } from "../src/related/related-model-fit.js";
import { trainingSet } from "../src/related/related-training.js";
import type { RelatedOptions } from "../src/related/related-types.js";

const { values } = parseArgs({
  options: {
    "corpora-dir": { type: "string", default: "../shared/fixtures/news" },
    without: { type: "string", default: "" },
    "engine-options": { type: "string", default: "{}" },
    "only-base": { type: "boolean", default: false },
  },
});
const engine = JSON.parse(values["engine-options"]) as Partial<RelatedOptions>;
const names = PAIR_FEATURES as readonly string[];
const base = new Set(values.without.split(",").filter(Boolean));
for (const f of base) if (!names.includes(f)) throw new Error(`unknown feature ${f}`);

const variants = loadVariants(values["corpora-dir"], DEV_CORPORA);
const sets = variants.map((v) => ({ v, set: trainingSet(v.name, v.articles, engine) }));
for (const { set } of sets)
  process.stdout.write(`${set.name.padEnd(32)} pool recall ${set.poolRecall.toFixed(3)}\n`);

function masked(set: TrainingSet, off: ReadonlySet<string>): TrainingSet {
  const columns = names.flatMap((n, i) => (off.has(n) ? [i] : []));
  if (columns.length === 0) return set;
  return {
    ...set,
    rows: set.rows.map((row) => {
      const copy = Float64Array.from(row);
      for (const c of columns) copy[c] = Number.NaN;
      return copy;
    }),
  };
}

/** Leave-one-corpus-out pool R-precision of every variant with the features in `off` removed. */
function loo(off: ReadonlySet<string>): Map<string, number> {
  const all = sets.map(({ v, set }) => ({ v, set: masked(set, off) }));
  const out = new Map<string, number>();
  for (const held of DEV_CORPORA) {
    const train = all.filter((x) => x.v.corpus !== held).map((x) => x.set);
    const model = createRelatedModel(fitRelatedModel(train));
    for (const x of all.filter((y) => y.v.corpus === held))
      out.set(x.v.name, poolRPrecision(x.set, model));
  }
  return out;
}

/** Mean over the four corpora of one form (AllSides is headline + lead in both). */
const macro = (r: Map<string, number>, lead: boolean) => {
  const picked = DEV_CORPORA.map(
    (c) => variants.find((v) => v.corpus === c && v.leadOnly === lead)?.name ?? "",
  );
  return picked.reduce((s, n) => s + (r.get(n) ?? 0), 0) / picked.length;
};

const header = variants.map((v) => v.name.replace(" (headline + lead)", "/hl").padEnd(13)).join("");
process.stdout.write(`\n${"removed".padEnd(24)}${header}macro full  macro hl\n`);
const report = (label: string, r: Map<string, number>, ref?: Map<string, number>) => {
  const cell = (name: string) => {
    const x = r.get(name) ?? 0;
    const d = ref
      ? ` ${x >= (ref.get(name) ?? 0) ? "+" : "-"}${Math.abs(x - (ref.get(name) ?? 0)).toFixed(3)}`
      : "";
    return `${x.toFixed(3)}${d}`.padEnd(13);
  };
  const m = (lead: boolean) => {
    const x = macro(r, lead);
    return `${x.toFixed(4)}${ref ? ` (${(x - macro(ref, lead) >= 0 ? "+" : "") + (x - macro(ref, lead)).toFixed(4)})` : ""}`;
  };
  process.stdout.write(
    `${label.padEnd(24)}${variants.map((v) => cell(v.name)).join("")}${m(false).padEnd(12)}${m(true)}\n`,
  );
};
const full = loo(base);
report(base.size ? `(base: -${[...base].join(",")})` : "(none)", full);
if (!values["only-base"]) {
  const groups: Record<string, string[]> = Object.fromEntries(
    names.filter((n) => !base.has(n)).map((n) => [n, [n]]),
  );
  for (const [label, features] of Object.entries(groups)) {
    report(label, loo(new Set([...base, ...features])), full);
  }
}
