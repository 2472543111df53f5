/**
 * `npm run eval:drafts -- --bundles <dir>`: drafts every stored source bundle with the
 * configured provider (LLM_PROVIDER, LLM_BASE_URL, LLM_MODEL…) and scores each draft:
 * cited sentences, markers in range, structure, length, claim-check flags per 1,000 words,
 * tokens and time. Prints one row per bundle and the averages; `--json` prints the rows.
 * A newsroom runs it to choose a model.
 */

import { EMPTY_REFERENCE } from "../src/checks/reference-data.js";
import { loadConfig } from "../src/config/env.js";
import { silentLogger } from "../src/core/log.js";
import { type DraftScore, draftBundle } from "../src/writing/draft-eval.js";
import { pipelineCost, pipelineProvider } from "../src/writing/pipeline-provider.js";
import { readBundles } from "../src/writing/source-bundle.js";

const args = process.argv.slice(2);
const dir = args[args.indexOf("--bundles") + 1];
if (!args.includes("--bundles") || !dir) {
  process.stderr.write("usage: npm run eval:drafts -- --bundles <dir> [--json]\n");
  process.exit(2);
}
const config = loadConfig(process.env);
const provider = await pipelineProvider(config, silentLogger);
if (!provider) {
  process.stderr.write(
    "LLM_PROVIDER=none: set a provider to evaluate (see README, Language model).\n",
  );
  process.exit(2);
}
const rows: { file: string; score: DraftScore }[] = [];
try {
  for (const { file, bundle } of readBundles(dir)) {
    process.stderr.write(`drafting ${file}…\n`);
    const { score } = await draftBundle(
      bundle,
      provider,
      config,
      pipelineCost(config),
      EMPTY_REFERENCE,
    );
    rows.push({ file, score });
  }
} finally {
  await provider.close();
}
if (args.includes("--json")) {
  process.stdout.write(
    `${JSON.stringify({ provider: provider.name, model: provider.model, rows }, null, 2)}\n`,
  );
} else {
  process.stdout.write(`provider ${provider.name}, model ${provider.model}\n`);
  process.stdout.write(
    "bundle | outcome | mode | cited | in range | sections | words | flags/1k (err) | calls | tokens | s\n",
  );
  for (const { file, score: s } of rows) {
    process.stdout.write(
      `${file} | ${s.outcome}${s.reason ? ` (${s.reason.slice(0, 60)})` : ""} | ${s.mode ?? "-"} | ${(s.citedShare * 100).toFixed(0)}% | ${(s.markersInRange * 100).toFixed(0)}% | ${s.sections}${s.structureOk ? "" : "!"} | ${s.words} | ${s.flagsPer1000.total} (${s.flagsPer1000.error}) | ${s.llmCalls} | ${s.promptTokens + s.completionTokens} | ${(s.ms / 1000).toFixed(1)}\n`,
    );
  }
  const done = rows.filter((r) => r.score.outcome === "done");
  const avg = (f: (s: DraftScore) => number) =>
    done.length ? done.reduce((n, r) => n + f(r.score), 0) / done.length : 0;
  process.stdout.write(
    `drafted ${done.length}/${rows.length}; mean cited ${(avg((s) => s.citedShare) * 100).toFixed(1)}%, words ${avg((s) => s.words).toFixed(0)}, flags/1k ${avg((s) => s.flagsPer1000.total).toFixed(1)}, tokens ${avg((s) => s.promptTokens + s.completionTokens).toFixed(0)}\n`,
  );
}
