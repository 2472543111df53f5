import { createApp } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config/env.js";
import { type ArticleInput, articleInput } from "../../src/content/article-input.js";
import { saveArticles } from "../../src/content/article-store.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../../src/content/categories.js";
import { fixedClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/log.js";
import type { DialectName } from "../../src/db/database.js";
import type { SiteDeps } from "../../src/web/site-deps.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

export interface SiteHarness {
  database: TestDatabase;
  deps: SiteDeps;
  clock: ReturnType<typeof fixedClock>;
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Saves articles through the real store; fields not given get plain defaults. */
  publish(...articles: Partial<ArticleInput>[]): Promise<number[]>;
  destroy(): Promise<void>;
}

let counter = 0;

/** A migrated database with the default categories, a fixed clock and the site app. */
export async function createSiteHarness(
  dialect: DialectName,
  now = "2025-08-27T12:00:00Z",
  env: Record<string, string> = {},
): Promise<SiteHarness> {
  const database = await createTestDatabase(dialect);
  await ensureCategories(database.db, DEFAULT_CATEGORIES);
  const clock = fixedClock(now);
  const config = loadConfig({ SITE_URL: "https://resou.example", ...env });
  const deps: SiteDeps = { database, config, clock, log: silentLogger };
  const app = createApp(deps);
  return {
    database,
    deps,
    clock,
    request: async (path, init) => app.request(path, init),
    async publish(...articles) {
      const inputs = articles.map((a) => {
        counter += 1;
        return articleInput.parse({
          slug: `story-${counter}`,
          headline: `Story number ${counter}`,
          category: "News & Politics",
          lead: "A lead paragraph.",
          sections: [{ heading: "What happened", body: "Body text." }],
          published_at: "2025-08-26T10:00:00+08:00",
          ...a,
        });
      });
      const results = await saveArticles(database.db, inputs, {
        dialect: database.dialect,
        now: clock.now(),
        deskByline: config.DESK_BYLINE,
        timeZone: config.TIME_ZONE,
      });
      return results.map((r) => r.id);
    },
    destroy: () => database.destroy(),
  };
}
