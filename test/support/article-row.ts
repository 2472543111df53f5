import type { Insertable } from "kysely";
import { storedBodyHtml } from "../../src/content/body-html.js";
import type { Tables } from "../../src/db/schema.js";

/**
 * A plain `article` row for tests and benchmarks that load many articles straight into the
 * table (bypassing the store's validation for speed): headline, text, times and the two
 * foreign keys vary; everything else is an empty news article.
 */
export function articleRow(row: {
  slug: string;
  headline: string;
  text: string;
  at: string;
  categoryId: number;
  authorId: number;
  status?: "published" | "draft";
  /** Store the rendered body as the article store does (else "", as an older build left it). */
  bodyHtml?: boolean;
}): Insertable<Tables["article"]> {
  return {
    slug: row.slug,
    kind: "article",
    headline: row.headline,
    dek: "",
    lead: row.text,
    sections: "[]",
    hashtag: "",
    hashtag_en: "",
    image_url: "",
    image_alt: "",
    word_count: 0,
    is_demo: 0,
    plain_text: row.text,
    status: row.status ?? "published",
    published_at: row.at,
    updated_at: row.at,
    created_at: row.at,
    time_zone: "UTC",
    category_id: row.categoryId,
    author_id: row.authorId,
    ...(row.bodyHtml ? { body_html: storedBodyHtml({ lead: row.text, sections: [] }) } : {}),
  };
}
