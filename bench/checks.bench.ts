/**
 * Speed of the rule-based claim checks: a 1,000-word article with 10 sources (each ~400
 * words), built from the reference case's sources repeated. Target: < 200 ms per article.
 *
 *   npx tsx bench/checks.bench.ts
 */
import { readFileSync } from "node:fs";
import { checkArticle } from "../src/checks/check-article.js";
import { caseInput, checkCase } from "../src/checks/check-case.js";
import { seedReferenceData } from "../src/checks/reference-seed-data.js";
import { parseBody } from "../src/checks/sentence-split.js";

const c = checkCase.parse(
  JSON.parse(readFileSync("test/fixtures/check-cases/reference-trump-kim-2025-08-26.json", "utf8")),
);
const input = caseInput(c);
const texts = input.sources.map((s) => s.text);
const sources = Array.from({ length: 10 }, (_, i) => ({
  ...(input.sources[i % input.sources.length] ?? {
    id: 1,
    outlet: "",
    publishedAt: null,
    text: "",
  }),
  id: i + 1,
  text: Array.from({ length: 6 }, (_, k) => texts[(i + k) % texts.length]).join(" "),
}));
// Cite sources round-robin so every sentence is checked against real text.
let n = 0;
const body = input.body.replace(
  /([.!?][”"]?)(\s|$)/g,
  (_m, end: string, space: string) => `${end} [${(n++ % 10) + 1}]${space}`,
);
const article = { ...input, body, sources };
const reference = seedReferenceData();
console.log(
  `words: ${parseBody(body).wordCount}, sources: ${sources.length}, source words: ${sources.reduce((a, s) => a + s.text.split(/\s+/).length, 0)}`,
);
for (let i = 0; i < 3; i++) checkArticle(article, reference);
const times: number[] = [];
for (let i = 0; i < 30; i++) {
  const t = performance.now();
  checkArticle(article, reference);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(
  `checkArticle: median ${times[15]?.toFixed(1)} ms, max ${times.at(-1)?.toFixed(1)} ms over 30 runs (target < 200 ms)`,
);
