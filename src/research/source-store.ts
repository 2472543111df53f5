import { createHash } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { ResearchSourceTable, Tables } from "../db/schema.js";
import type { SourceDraft, StoredSource } from "./source-types.js";

type Db = Kysely<Tables>;

/** Identity of a version: what a reader would see (title, date, text), not when we fetched it. */
export function contentHash(draft: Pick<SourceDraft, "title" | "publishedAt" | "text">): string {
  return createHash("sha256")
    .update(JSON.stringify([draft.title, draft.publishedAt ?? "", draft.text]), "utf8")
    .digest("hex");
}

export function toStoredSource(row: Selectable<ResearchSourceTable>): StoredSource {
  return {
    id: row.id,
    url: row.url,
    outlet: row.outlet,
    language: row.language,
    title: row.title,
    publishedAt: row.published_at,
    retrievedAt: row.retrieved_at,
    text: row.text,
    contentHash: row.content_hash,
    kind: row.kind,
  };
}

/**
 * Stores a source version, or returns the stored row with the same URL and content. Rows are
 * never updated: a refetch whose content changed becomes a new row beside the old one. The
 * unique (url, content_hash) constraint settles two writers storing the same version at once.
 */
export async function storeSource(db: Db, draft: SourceDraft, now: Date): Promise<StoredSource> {
  const hash = contentHash(draft);
  const find = () =>
    db
      .selectFrom("research_source")
      .selectAll()
      .where("url", "=", draft.url)
      .where("content_hash", "=", hash)
      .executeTakeFirst();
  const existing = await find();
  if (existing) return toStoredSource(existing);
  await db
    .insertInto("research_source")
    .values({
      url: draft.url,
      outlet: draft.outlet.slice(0, 200),
      language: draft.language.slice(0, 16),
      title: draft.title.slice(0, 500),
      published_at: draft.publishedAt,
      retrieved_at: now.toISOString(),
      text: draft.text,
      content_hash: hash,
      kind: draft.kind,
    })
    .onConflict((oc) => oc.columns(["url", "content_hash"]).doNothing())
    .execute();
  const row = await find();
  if (!row) throw new Error(`research source for ${draft.url} vanished after insert`);
  return toStoredSource(row);
}

/**
 * Adds a source to a story's bundle at the end; a source already in the bundle keeps its
 * place (citation numbers must not move under an editor).
 */
export async function attachSource(
  db: Db,
  articleId: number,
  sourceId: number,
  via: "weibo" | "feed" | "pasted",
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const present = await trx
      .selectFrom("story_source")
      .select("source_id")
      .where("article_id", "=", articleId)
      .where("source_id", "=", sourceId)
      .executeTakeFirst();
    if (present) return;
    const last = await trx
      .selectFrom("story_source")
      .select((eb) => eb.fn.max("position").as("max"))
      .where("article_id", "=", articleId)
      .executeTakeFirst();
    await trx
      .insertInto("story_source")
      .values({
        article_id: articleId,
        source_id: sourceId,
        position: Number(last?.max ?? 0) + 1,
        added_at: now.toISOString(),
        via,
      })
      .onConflict((oc) => oc.columns(["article_id", "source_id"]).doNothing())
      .execute();
  });
}

/** The story's bundle in citation order. */
export async function listStorySources(db: Db, articleId: number): Promise<StoredSource[]> {
  const rows = await db
    .selectFrom("story_source")
    .innerJoin("research_source", "research_source.id", "story_source.source_id")
    .selectAll("research_source")
    .where("story_source.article_id", "=", articleId)
    .orderBy("story_source.position")
    .execute();
  return rows.map(toStoredSource);
}

/** Records a fetch that gave no source for the story. */
export async function recordProblem(
  db: Db,
  articleId: number,
  problem: { url: string; reason: string },
  now: Date,
): Promise<void> {
  // Reasons read "code: what happened"; the code is stored apart so it can be counted.
  const split = /^([a-z_]+): ([\s\S]*)$/.exec(problem.reason);
  await db
    .insertInto("research_problem")
    .values({
      article_id: articleId,
      url: problem.url.slice(0, 2000),
      reason: (split?.[1] ?? problem.reason).slice(0, 100),
      detail: (split?.[2] ?? "").slice(0, 1000),
      at: now.toISOString(),
    })
    .execute();
}

export async function listProblems(
  db: Db,
  articleId: number,
): Promise<{ url: string; reason: string; detail: string; at: string }[]> {
  return db
    .selectFrom("research_problem")
    .select(["url", "reason", "detail", "at"])
    .where("article_id", "=", articleId)
    .orderBy("id")
    .execute();
}
