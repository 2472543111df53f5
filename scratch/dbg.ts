import { readFileSync } from "node:fs";
import { importArticles } from "../src/content/import/import-articles.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../src/content/categories.js";
import { searchArticles, cutQuery } from "../src/content/search-queries.js";
import { createTestDatabase } from "../test/support/test-database.js";
const REF = "test/fixtures/articles/reference/trump-kim-very-good-relationship-2025-08-26.md";
const db = await createTestDatabase((process.argv[2] ?? "postgres") as "postgres");
await ensureCategories(db.db, DEFAULT_CATEGORIES);
await importArticles(db, [REF], { now: new Date("2025-08-27T00:00:00Z"), deskByline: "Desk", timeZone: "Asia/Shanghai" });
const text = readFileSync(REF, "utf8");
const prose = text.slice(text.indexOf("\n---\n", 4) + 5).split("\n").filter((l) => l.trim() && !l.startsWith("#")).join(" ");
const q = cutQuery(prose.slice(0, 5000));
const words = q.split(/\s+/);
const run = async (t: string) => (await searchArticles(db, t, "2030-01-01T00:00:00Z", { limit: 5, offset: 0 })).total;
console.log("full", await run(q), JSON.stringify(q));
for (let i = 0; i < words.length; i++) {
  const without = [...words.slice(0, i), ...words.slice(i + 1)].join(" ");
  if ((await run(without)) > 0) console.log("culprit", i, words[i]);
}
await db.destroy();
