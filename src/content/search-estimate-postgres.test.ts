import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { estimateMatches } from "./search-estimate-postgres.js";
import { parseQuery } from "./search-terms.js";

describe.skipIf(!TEST_DIALECTS.includes("postgres"))("estimateMatches", () => {
  let site: SiteHarness | undefined;
  afterEach(async () => {
    await site?.destroy();
  });

  it("reads every arm's guess from one plan, the high guess never below the low one", async () => {
    site = await createSiteHarness("postgres");
    const many = Array.from({ length: 300 }, (_, i) => ({
      slug: `s-${i}`,
      headline: i % 3 === 0 ? "Summit talks in Gyeongju" : "Harbour news",
      lead: i % 2 === 0 ? "The summit ended. Prime minister speaks." : "Ferries run late.",
    }));
    await site.publish(...many);
    const db = site.database.db;
    await sql`analyze`.execute(db);
    for (const query of ["summit", "summit ferries", '"prime minister"', "金正恩", "the summit"]) {
      const estimates = await db.transaction().execute(async (trx) => {
        await sql`select set_config('max_parallel_workers_per_gather', '0', true)`.execute(trx);
        return estimateMatches(trx, parseQuery(query));
      });
      for (const value of Object.values(estimates)) expect(value, query).toBeGreaterThan(0);
      expect(estimates.documentMost, query).toBeGreaterThanOrEqual(estimates.document);
      expect(estimates.summaryMost, query).toBeGreaterThanOrEqual(estimates.summary);
    }
    const single = await db
      .transaction()
      .execute((trx) => estimateMatches(trx, parseQuery("summit")));
    // One word: the whole query is its own high guess, and it is in about half the articles.
    expect(single.documentMost).toBe(single.document);
    expect(single.document).toBeGreaterThan(100);
    expect(single.head).toBeLessThan(single.document);
  });
});
