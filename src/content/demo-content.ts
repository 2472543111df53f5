import { fileURLToPath } from "node:url";
import type { Database } from "../db/database.js";
import { collectFiles, importArticles } from "./import/import-articles.js";

export const DEMO_DIR = fileURLToPath(new URL("../../demo/articles/", import.meta.url));

/**
 * Loads the demo articles into an empty database so a first start shows a real-looking
 * site. Their dates are spread over the last days, counted back from now, so the home page,
 * feeds and the news sitemap all have something to show.
 */
export async function loadDemoContentIfEmpty(
  database: Database,
  context: { now: Date; deskByline: string; timeZone: string },
): Promise<number> {
  const row = await database.db
    .selectFrom("article")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  if (Number(row?.n ?? 0) > 0) return 0;
  const files = collectFiles([DEMO_DIR]);
  const report = await importArticles(database, files, context, {
    overrides: (index) => ({
      demo: true,
      published_at: new Date(context.now.getTime() - (index * 7 + 1) * 3_600_000).toISOString(),
    }),
  });
  return report.results.length;
}
