import type { Transaction } from "kysely";
import { z } from "zod";
import { readPlacement, recordArticleChange } from "../../changes/article-placement.js";
import { validationFailed } from "../../core/errors.js";
import type { Tables } from "../../db/schema.js";
import { mediaStoreOf } from "../../media/media-deps.js";
import {
  type ArticlePicture,
  hashInUse,
  putPicture,
  removePicture,
  type StoredVariant,
  updatePictureText,
} from "../../media/picture-store.js";
import {
  DEFAULT_LIMITS,
  processUpload,
  type UploadRefusal,
} from "../../media/upload/process-upload.js";
import { recordAudit } from "../audit-log.js";
import type { CommandContext } from "./command-context.js";

/** The words around a picture. Alt text is required: the image means nothing without it. */
export const pictureTextSchema = z.object({
  alt: z
    .string()
    .trim()
    .min(1, "Describe the image for readers who cannot see it")
    .max(300, "Keep the alt text under 300 characters"),
  caption: z.string().trim().max(500, "Keep the caption under 500 characters"),
  credit: z.string().trim().max(200, "Keep the credit under 200 characters"),
});
export type PictureText = z.infer<typeof pictureTextSchema>;

export type PictureOutcome =
  | { kind: "saved"; picture: { contentHash: string; variants: StoredVariant[] } }
  | { kind: "refused"; refusal: UploadRefusal };

const EXTENSIONS = { avif: "avif", webp: "webp", jpeg: "jpg" } as const;

function parseText(text: PictureText): PictureText {
  const parsed = pictureTextSchema.safeParse(text);
  if (!parsed.success)
    throw validationFailed(
      "The picture's text is not valid",
      parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
    );
  return parsed.data;
}

/** Deletes a replaced picture's objects unless another article shows the same file. */
async function dropObjects(ctx: CommandContext, previous: ArticlePicture | undefined) {
  if (!previous || (await hashInUse(ctx.deps.database.db, previous.contentHash))) return;
  const store = mediaStoreOf(ctx.deps);
  for (const v of previous.variants) await store.delete(v.key);
}

/** The picture is part of what the article's pages show: recorded as an article change. */
async function recordPictureChange(trx: Transaction<Tables>, articleId: number, now: Date) {
  const placement = await readPlacement(trx, articleId, now);
  return recordArticleChange(trx, articleId, placement, now);
}

/** Returns once every process shows the new picture. */
async function afterChange(ctx: CommandContext, changeId: number) {
  await ctx.deps.changes.settle(changeId);
}

/**
 * Sets a story's lead picture from uploaded bytes: checked and resized before anything is
 * written, objects stored next, then the row and its audit event in one transaction (an
 * object without a row is harmless; a row without its objects would break the page).
 */
export async function setLeadPicture(
  ctx: CommandContext,
  articleId: number,
  bytes: Buffer,
  text: PictureText,
): Promise<PictureOutcome> {
  const words = parseText(text);
  const started = performance.now();
  const processed = await processUpload(bytes, {
    ...DEFAULT_LIMITS,
    maxBytes: ctx.deps.config.MEDIA_MAX_UPLOAD_BYTES,
  });
  if (!processed.ok) return { kind: "refused", refusal: processed };
  const store = mediaStoreOf(ctx.deps);
  const prefix = `lead/${processed.contentHash.slice(0, 32)}`;
  const variants: StoredVariant[] = [];
  for (const v of processed.variants) {
    const key = `${prefix}/${v.width}.${EXTENSIONS[v.format]}`;
    await store.put(key, v.data, `image/${v.format}`);
    variants.push({
      format: v.format,
      width: v.width,
      height: v.height,
      bytes: v.data.length,
      key,
    });
  }
  const now = ctx.deps.clock.now();
  const previous = await ctx.deps.database.db.transaction().execute(async (trx) => {
    const replaced = await putPicture(trx, {
      articleId,
      contentHash: processed.contentHash,
      width: processed.width,
      height: processed.height,
      ...words,
      variants,
      uploadedAt: now.toISOString(),
      uploadedBy: ctx.audit.actorId,
    });
    await recordAudit(
      trx,
      ctx.audit,
      {
        action: "story.picture.upload",
        targetType: "article",
        targetId: articleId,
        detail: {
          contentHash: processed.contentHash,
          format: processed.sourceFormat,
          width: processed.width,
          height: processed.height,
          bytes: bytes.length,
          variants: variants.length,
        },
      },
      now,
    );
    return { replaced, changeId: await recordPictureChange(trx, articleId, now) };
  });
  ctx.deps.log.info(
    { articleId, ms: Math.round(performance.now() - started), variants: variants.length },
    "lead picture stored",
  );
  if (previous.replaced?.contentHash !== processed.contentHash) {
    await dropObjects(ctx, previous.replaced);
  }
  await afterChange(ctx, previous.changeId);
  return { kind: "saved", picture: { contentHash: processed.contentHash, variants } };
}

/** Changes alt text, caption and credit of the current picture; false when there is none. */
export async function editLeadPictureText(
  ctx: CommandContext,
  articleId: number,
  text: PictureText,
): Promise<boolean> {
  const words = parseText(text);
  const now = ctx.deps.clock.now();
  const updated = await ctx.deps.database.db.transaction().execute(async (trx) => {
    if (!(await updatePictureText(trx, articleId, words))) return null;
    await recordAudit(
      trx,
      ctx.audit,
      { action: "story.picture.edit", targetType: "article", targetId: articleId },
      now,
    );
    return recordPictureChange(trx, articleId, now);
  });
  if (updated === null) return false;
  await afterChange(ctx, updated);
  return true;
}

/** Removes the lead picture (the share card stands in again) and its stored objects. */
export async function removeLeadPicture(ctx: CommandContext, articleId: number): Promise<boolean> {
  const now = ctx.deps.clock.now();
  const previous = await ctx.deps.database.db.transaction().execute(async (trx) => {
    const removed = await removePicture(trx, articleId);
    if (removed)
      await recordAudit(
        trx,
        ctx.audit,
        {
          action: "story.picture.remove",
          targetType: "article",
          targetId: articleId,
          detail: { contentHash: removed.contentHash },
        },
        now,
      );
    return removed && { removed, changeId: await recordPictureChange(trx, articleId, now) };
  });
  if (!previous) return false;
  await dropObjects(ctx, previous.removed);
  await afterChange(ctx, previous.changeId);
  return true;
}
