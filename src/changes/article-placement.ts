import type { Kysely, Transaction } from "kysely";
import { isKnownTimeZone } from "../core/time-zone.js";
import type { Tables } from "../db/schema.js";
import type { ArticlePlacement } from "./change.js";
import { recordChange } from "./record-change.js";

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM` of an instant in a zone (UTC when the stored zone is unknown). */
function monthIn(iso: string, zone: string): string | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const tz = isKnownTimeZone(zone) ? zone : "UTC";
  let format = monthFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit" });
    if (monthFormats.size < 200) monthFormats.set(tz, format);
  }
  const parts = format.formatToParts(at);
  const year = parts.find((p) => p.type === "year")?.value;
  const month = parts.find((p) => p.type === "month")?.value;
  return year && month ? `${year}-${month}` : null;
}

/** Where the article stands now (inside the caller's transaction); null when it does not exist. */
export async function readPlacement(
  db: Kysely<Tables>,
  articleId: number,
  now: Date,
): Promise<ArticlePlacement | null> {
  const row = await db
    .selectFrom("article")
    .select(["slug", "category_id", "author_id", "status", "published_at", "time_zone"])
    .where("id", "=", articleId)
    .executeTakeFirst();
  if (!row) return null;
  const tags = await db
    .selectFrom("article_tag")
    .select("tag_id")
    .where("article_id", "=", articleId)
    .orderBy("position")
    .execute();
  return {
    slug: row.slug,
    categoryId: row.category_id,
    authorId: row.author_id,
    tagIds: tags.map((t) => t.tag_id),
    month: row.published_at ? monthIn(row.published_at, row.time_zone) : null,
    visible:
      row.status === "published" &&
      row.published_at !== null &&
      row.published_at <= now.toISOString(),
  };
}

/**
 * Records an article change after the writer's statements, in its transaction: `before` is
 * what `readPlacement` returned ahead of the write, the placement after is read here.
 */
export async function recordArticleChange(
  trx: Transaction<Tables>,
  articleId: number,
  before: ArticlePlacement | null,
  now: Date,
): Promise<number> {
  const after = await readPlacement(trx, articleId, now);
  return recordChange(trx, { kind: "article", articleId, before, after }, now);
}
