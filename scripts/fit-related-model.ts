/**
 * Fits the related-articles model (`src/related/related-model.json`) on the labeled dev
 * corpora, each in its full-text and headline + lead form, and prints how each corpus's
 * pool looked. `--check` only prints, writing nothing.
 *
 *   npm run fit:related [-- --corpora-dir ../shared/fixtures/news] [--check]
 *
 * Leave-one-corpus-out figures come from `npm run eval:related -- --all --loo`, which fits
 * the same way on three corpora and reports on the fourth.
 */

import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEV_CORPORA, devTrainingSets } from "../src/related/dev-corpora.js";
import { MODEL_PATH } from "../src/related/related-model.js";
import { fitRelatedModel } from "../src/related/related-model-fit.js";

const { values } = parseArgs({
  options: {
    "corpora-dir": { type: "string", default: "../shared/fixtures/news" },
    check: { type: "boolean", default: false },
  },
});

const sets = devTrainingSets(values["corpora-dir"], DEV_CORPORA);
for (const s of sets) {
  const positives = s.labels.reduce((n, l) => n + l, 0);
  process.stdout.write(
    `${s.name.padEnd(24)} ${String(s.rows.length).padStart(7)} pairs, ${String(positives).padStart(6)} same-story, pool recall ${s.poolRecall.toFixed(3)}\n`,
  );
}
const model = fitRelatedModel(sets);
process.stdout.write(
  `${model.features.map((f, i) => `${f.padEnd(14)} ${(model.weights[i] as number).toFixed(3)}`).join("\n")}\nbias ${model.bias.toFixed(3)}\n`,
);
if (!values.check) {
  writeFileSync(MODEL_PATH, `${JSON.stringify(model, null, 2)}\n`);
  process.stdout.write(`wrote ${MODEL_PATH.pathname}\n`);
}
