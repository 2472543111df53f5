import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import type { RelatedDoc } from "./related-types.js";

/**
 * Published articles as the related engine reads them: headline, dek + lead, plain text,
 * tags, the Weibo hashtag (and its English rendering as a tag), category slug and date.
 * Pass `ids` for a few articles (publish, edit); omit it for the rebuild command.
 *
 * @example index.rebuild(await loadRelatedDocs(db));
 */
export async function loadRelatedDocs(
  db: Kysely<Tables>,
  ids?: readonly number[],
): Promise<RelatedDoc[]> {
  if (ids && ids.length === 0) return [];
  let query = db
    .selectFrom("article")
    .innerJoin("category", "category.id", "article.category_id")
    .select([
      "article.id",
      "article.headline",
      "article.dek",
      "article.lead",
      "article.plain_text",
      "article.hashtag",
      "article.hashtag_en",
      "article.published_at",
      "category.slug as category",
    ])
    .where("article.status", "=", "published")
    .orderBy("article.id");
  if (ids) query = query.where("article.id", "in", [...ids]);
  const rows = await query.execute();
  const tags = new Map<number, string[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => Number(r.id));
    const tagRows = await db
      .selectFrom("article_tag")
      .innerJoin("tag", "tag.id", "article_tag.tag_id")
      .select(["article_tag.article_id", "tag.name"])
      .where("article_tag.article_id", "in", chunk)
      .orderBy("article_tag.position")
      .execute();
    for (const t of tagRows) {
      const id = Number(t.article_id);
      tags.set(id, [...(tags.get(id) ?? []), t.name]);
    }
  }
  return rows.map((r) => {
    const id = Number(r.id);
    const doc: RelatedDoc = {
      id,
      title: r.headline,
      lead: [r.dek, r.lead].filter((s) => s.length > 0).join("\n\n"),
      body: r.plain_text,
      tags: [...(tags.get(id) ?? []), ...(r.hashtag_en ? [r.hashtag_en] : [])],
      hashtags: r.hashtag ? [r.hashtag] : [],
      category: r.category,
    };
    if (r.published_at) doc.publishedAt = r.published_at;
    return doc;
  });
}
