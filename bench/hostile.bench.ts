/**
 * The whole XSS corpus (test/fixtures/xss/vectors.txt) through every field, page, newsroom
 * screen and feed, in Chromium with CSP on and bypassed, and the feeds as a reader renders
 * them. `npm test` runs the fast tier (test/browser/xss.browser.test.ts); this runs all of it.
 *
 * Run: `npm run bench -- hostile` or `npx tsx bench/hostile.bench.ts [--quick] [--limit N]`.
 * `--quick` loads each vector's article page plus one of its other pages (as the fast tier
 * does) instead of every page in both modes; `--limit N` takes the first N vectors.
 * Target (issue 12): zero dialogs, handlers, script URLs, foreign elements and CSP reports.
 * Exit code 1 when anything got through.
 */
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../test/support/chromium.js";
import { probeSite, startXssSite } from "../test/support/xss-probe.js";
import { loadVectors } from "../test/support/xss-vectors.js";

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  process.exit(2);
}
const thorough = !process.argv.includes("--quick");
const limit = Number(flag("--limit") ?? Number.POSITIVE_INFINITY);
const vectors = loadVectors("all").slice(0, limit);
const kinds = new Set(vectors.map((v) => v.kind));

const started = performance.now();
const site = await startXssSite(vectors);
const seeded = performance.now();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const report = await probeSite(browser, site, { thorough });
  const done = performance.now();
  console.log(`vectors            ${vectors.length} (${kinds.size} kinds)`);
  console.log(`mode               ${thorough ? "thorough (every page, CSP on and off)" : "quick"}`);
  console.log(`distinct pages     ${report.pages}`);
  console.log(`page loads         ${report.pageLoads}`);
  console.log(`reader documents   ${report.readerDocuments}`);
  const byField = new Map<string, number>();
  for (const r of report.refused) {
    const field = r.split(":")[0] ?? r;
    byField.set(field, (byField.get(field) ?? 0) + 1);
  }
  const refusedList = [...byField].map(([f, n]) => `${f} ${n}`).join(", ");
  console.log(`refused by rules   ${report.refused.length} field values (${refusedList})`);
  console.log(`5xx answers        ${report.serverErrors.length}`);
  console.log(`dialogs            ${report.dialogs}`);
  console.log(`CSP violations     ${report.cspViolations}`);
  console.log(`findings           ${report.findings.length}`);
  console.log(`seed               ${((seeded - started) / 1000).toFixed(1)} s`);
  console.log(`probe              ${((done - seeded) / 1000).toFixed(1)} s`);
  for (const e of report.serverErrors.slice(0, 20)) console.log(`  5xx: ${e}`);
  for (const f of report.findings.slice(0, 50)) {
    console.log(`  [${f.mode}] ${f.where}: ${f.problem}`);
  }
  process.exitCode = report.findings.length === 0 ? 0 : 1;
} finally {
  await browser.close();
  await site.stop();
}
