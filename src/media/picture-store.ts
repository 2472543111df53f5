import type { Kysely, Transaction } from "kysely";
import { z } from "zod";
import type { Tables } from "../db/schema.js";

export const VARIANT_FORMATS = ["avif", "webp", "jpeg"] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

/** One resized, re-encoded copy of an upload, as stored. */
export interface StoredVariant {
  format: VariantFormat;
  width: number;
  height: number;
  bytes: number;
  key: string;
}

export interface ArticlePicture {
  articleId: number;
  contentHash: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  variants: StoredVariant[];
  uploadedAt: string;
}

const variantsSchema = z.array(
  z.object({
    format: z.enum(VARIANT_FORMATS),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    bytes: z.number().int().nonnegative(),
    key: z.string().min(1),
  }),
);

type Db = Kysely<Tables> | Transaction<Tables>;

/** Lead pictures of the given articles, by article id; articles without one are absent. */
export async function loadPictures(
  db: Db,
  articleIds: number[],
): Promise<Map<number, ArticlePicture>> {
  const found = new Map<number, ArticlePicture>();
  if (articleIds.length === 0) return found;
  const rows = await db
    .selectFrom("article_picture")
    .selectAll()
    .where("article_id", "in", [...new Set(articleIds)])
    .execute();
  for (const row of rows) {
    // A row whose variants do not parse is treated as no picture (the card stands in).
    const variants = variantsSchema.safeParse(JSON.parse(row.variants));
    if (!variants.success || variants.data.length === 0) continue;
    found.set(row.article_id, {
      articleId: row.article_id,
      contentHash: row.content_hash,
      width: row.width,
      height: row.height,
      alt: row.alt,
      caption: row.caption,
      credit: row.credit,
      variants: variants.data,
      uploadedAt: row.uploaded_at,
    });
  }
  return found;
}

export interface PictureWrite extends ArticlePicture {
  uploadedBy: number | null;
}

/** Sets an article's lead picture, replacing any earlier one; returns the replaced row. */
export async function putPicture(
  trx: Transaction<Tables>,
  write: PictureWrite,
): Promise<ArticlePicture | undefined> {
  const previous = (await loadPictures(trx, [write.articleId])).get(write.articleId);
  await trx.deleteFrom("article_picture").where("article_id", "=", write.articleId).execute();
  await trx
    .insertInto("article_picture")
    .values({
      article_id: write.articleId,
      content_hash: write.contentHash,
      width: write.width,
      height: write.height,
      alt: write.alt,
      caption: write.caption,
      credit: write.credit,
      variants: JSON.stringify(write.variants),
      uploaded_at: write.uploadedAt,
      uploaded_by: write.uploadedBy,
    })
    .execute();
  return previous;
}

/** Edits the words around a picture (alt, caption, credit) without a new upload. */
export async function updatePictureText(
  trx: Transaction<Tables>,
  articleId: number,
  text: { alt: string; caption: string; credit: string },
): Promise<boolean> {
  const result = await trx
    .updateTable("article_picture")
    .set(text)
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function removePicture(
  trx: Transaction<Tables>,
  articleId: number,
): Promise<ArticlePicture | undefined> {
  const previous = (await loadPictures(trx, [articleId])).get(articleId);
  await trx.deleteFrom("article_picture").where("article_id", "=", articleId).execute();
  return previous;
}

/** Whether any article still shows the picture with this content hash (same file twice). */
export async function hashInUse(db: Db, contentHash: string): Promise<boolean> {
  const row = await db
    .selectFrom("article_picture")
    .select("article_id")
    .where("content_hash", "=", contentHash)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
