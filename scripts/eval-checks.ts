/**
 * Claim-check evaluation over a folder of case files (the format of issue 10).
 *
 *   npm run eval:checks -- --cases test/fixtures/check-cases [--json] [--verbose]
 *
 * Prints per kind the share of planted slips flagged (recall) and the flags raised on clean
 * cases per 1,000 words; `--json` prints `{ recall, false_flags_per_1000_words, cases }`.
 * Reference data is the seed of migration 0600 plus each case's own rows.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { checkCase } from "../src/checks/check-case.js";
import { runCase, summarise } from "../src/checks/check-eval.js";
import { seedReferenceData } from "../src/checks/reference-seed-data.js";

const { values } = parseArgs({
  options: {
    cases: { type: "string", multiple: true },
    json: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});
const dirs = values.cases ?? [];
if (dirs.length === 0) {
  console.error("usage: npm run eval:checks -- --cases <dir> [--json] [--verbose]");
  process.exit(2);
}
const base = seedReferenceData();
const results = [];
for (const dir of dirs) {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const parsed = checkCase.safeParse(JSON.parse(readFileSync(join(dir, file), "utf8")));
    if (!parsed.success) {
      console.error(
        `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
      process.exit(2);
    }
    results.push(runCase(file, parsed.data, base));
  }
}
const summary = summarise(results);
if (values.json) {
  console.log(JSON.stringify(summary));
} else {
  if (values.verbose) {
    for (const r of results) {
      for (const p of r.planted)
        if (!p.caught) console.log(`MISSED ${r.name} ${p.kind}: ${p.contains}`);
      if (r.planted.length === 0)
        for (const f of r.flags.filter((x) => x.severity !== "info"))
          console.log(
            `FALSE ${r.name} ${f.kind}/${f.severity}: ${f.message} | ${f.sentence.slice(0, 120)}`,
          );
    }
  }
  console.log(`cases: ${summary.cases}`);
  console.log("kind            recall");
  for (const [kind, recall] of Object.entries(summary.recall))
    console.log(`${kind.padEnd(16)}${recall.toFixed(3)}`);
  console.log(
    `false flags per 1,000 words of clean articles: ${summary.false_flags_per_1000_words}`,
  );
}
