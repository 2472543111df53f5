import type { Kysely } from "kysely";
import { z } from "zod";
import type { Tables } from "../db/schema.js";

/** A source as the public "Sources" list shows it (`newsroom_story.sources` entries). */
export const citedSource = z.object({
  url: z.url({ protocol: /^https?$/ }),
  title: z.string(),
  outlet: z.string().optional(),
  publishedAt: z.string().optional(),
});
export type CitedSource = z.infer<typeof citedSource>;

/**
 * The story's sources in citation order, for the public page. Articles that never went
 * through the newsroom (imports, demo content) have none; an entry that does not parse is
 * left out rather than breaking the page.
 */
export async function loadCitedSources(
  db: Kysely<Tables>,
  articleId: number,
): Promise<CitedSource[]> {
  const row = await db
    .selectFrom("newsroom_story")
    .select("sources")
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  if (!row) return [];
  const parsed = z.array(z.unknown()).safeParse(JSON.parse(row.sources));
  if (!parsed.success) return [];
  return parsed.data.flatMap((entry) => {
    const source = citedSource.safeParse(entry);
    return source.success ? [source.data] : [];
  });
}
