import { type Kysely, sql, type Transaction } from "kysely";
import { readPlacement, recordArticleChange } from "../changes/article-placement.js";
import { validationFailed } from "../core/errors.js";
import type { DialectName } from "../db/database.js";
import type { ArticleRow, AuthorTable, Tables } from "../db/schema.js";
import { hashtagWord, type SearchSource, searchDocument } from "../db/search-document.js";
import type { ArticleInput } from "./article-input.js";
import { storedBodyHtml } from "./body-html.js";
import { countWords, markdownToPlainText } from "./markdown.js";
import { slugify } from "./slug.js";
import { toUtcIso } from "./zoned-time.js";

export interface SaveContext {
  dialect: DialectName;
  now: Date;
  /** Byline used when the input names none. */
  deskByline: string;
  /** Zone used when the input names none. */
  timeZone: string;
}

export interface SaveResult {
  id: number;
  slug: string;
  outcome: "created" | "updated" | "unchanged";
  /** The article change recorded with the write; null when nothing changed. */
  changeId: number | null;
}

type Db = Kysely<Tables> | Transaction<Tables>;

/**
 * Writes articles by slug inside one transaction: all are saved or none is. Saving the
 * same input again leaves the row, its timestamps and its search entry untouched.
 */
export async function saveArticles(
  db: Kysely<Tables>,
  inputs: ArticleInput[],
  context: SaveContext,
): Promise<SaveResult[]> {
  return db.transaction().execute(async (trx) => {
    const results: SaveResult[] = [];
    for (const input of inputs) results.push(await saveOne(trx, input, context));
    return results;
  });
}

/**
 * One article inside the caller's transaction (newsroom commands pair it with revisions and
 * audit), with its article change recorded in the same transaction.
 */
export async function saveOne(
  trx: Transaction<Tables>,
  input: ArticleInput,
  context: SaveContext,
): Promise<SaveResult> {
  const category = await findCategory(trx, input.category);
  if (!category) {
    const known = await trx.selectFrom("category").select("name").orderBy("position").execute();
    throw validationFailed(`Unknown category "${input.category}"`, [
      {
        field: "category",
        message: `unknown category "${input.category}"; known: ${known.map((c) => c.name).join(", ")}`,
      },
    ]);
  }
  const byline = input.byline ?? context.deskByline;
  const authorId = await ensureAuthor(trx, byline);
  const timeZone = input.time_zone ?? context.timeZone;
  const nowIso = context.now.toISOString();
  const publishedAt =
    input.published_at !== undefined
      ? toUtcIso(input.published_at, timeZone)
      : input.status === "published"
        ? nowIso
        : null;
  // A published article dated in the future is scheduled: the due-publishing sweep publishes
  // it when due and records that change, so caches learn of it exactly instead of the page
  // appearing unannounced (issue 11).
  const status =
    input.status === "published" &&
    publishedAt !== null &&
    Date.parse(publishedAt) > context.now.getTime()
      ? "scheduled"
      : input.status;
  const plainText = articlePlainText(input);
  const fields = {
    kind: input.kind,
    headline: input.headline,
    dek: input.dek,
    lead: input.lead,
    sections: JSON.stringify(input.sections),
    category_id: category.id,
    author_id: authorId,
    hashtag: input.hashtag,
    hashtag_en: input.hashtag_en,
    image_url: input.image_url,
    image_alt: input.image_alt,
    status,
    published_at: publishedAt,
    time_zone: timeZone,
    word_count: countWords(plainText),
    is_demo: input.demo ? 1 : 0,
    plain_text: plainText,
  };
  const tagIds = await ensureTags(trx, input.tags);
  const existing = await trx
    .selectFrom("article")
    .selectAll()
    .where("slug", "=", input.slug)
    .executeTakeFirst();

  if (!existing) {
    const updatedAt = input.updated_at
      ? toUtcIso(input.updated_at, timeZone)
      : (publishedAt ?? nowIso);
    const row = await trx
      .insertInto("article")
      .values({
        ...fields,
        body_html: storedBodyHtml(input),
        slug: input.slug,
        created_at: nowIso,
        updated_at: updatedAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replaceTags(trx, row.id, tagIds);
    await writeSearchEntry(trx, context.dialect, row.id, searchSource(input, plainText, byline));
    const changeId = await recordArticleChange(trx, row.id, null, context.now);
    return { id: row.id, slug: input.slug, outcome: "created", changeId };
  }

  const currentTags = await trx
    .selectFrom("article_tag")
    .select("tag_id")
    .where("article_id", "=", existing.id)
    .orderBy("position")
    .execute();
  const sameTags = sameList(
    currentTags.map((t) => t.tag_id),
    tagIds,
  );
  if (sameTags && unchanged(existing, fields) && input.updated_at === undefined) {
    return { id: existing.id, slug: input.slug, outcome: "unchanged", changeId: null };
  }
  const before = await readPlacement(trx, existing.id, context.now);
  const updatedAt = input.updated_at ? toUtcIso(input.updated_at, timeZone) : nowIso;
  await trx
    .updateTable("article")
    // The HTML is derived from the Markdown in `fields`, so it is rewritten with it (never
    // compared: a renderer upgrade alone is not an edit).
    .set({ ...fields, body_html: storedBodyHtml(input), updated_at: updatedAt })
    .where("id", "=", existing.id)
    .execute();
  if (!sameTags) await replaceTags(trx, existing.id, tagIds);
  await writeSearchEntry(trx, context.dialect, existing.id, searchSource(input, plainText, byline));
  const changeId = await recordArticleChange(trx, existing.id, before, context.now);
  return { id: existing.id, slug: input.slug, outcome: "updated", changeId };
}

function searchSource(input: ArticleInput, plainText: string, byline: string) {
  return {
    headline: input.headline,
    body: plainText,
    hashtag: input.hashtag,
    hashtagEn: input.hashtag_en,
    tags: input.tags,
    byline,
  };
}

export function articlePlainText(
  input: Pick<ArticleInput, "headline" | "dek" | "lead" | "sections">,
) {
  return [
    input.dek,
    markdownToPlainText(input.lead),
    ...input.sections.flatMap((s) => [s.heading, markdownToPlainText(s.body)]),
  ]
    .filter((part) => part.trim().length > 0)
    .join("\n\n");
}

function unchanged(row: ArticleRow, fields: Partial<ArticleRow>): boolean {
  return Object.entries(fields).every(([key, value]) => row[key as keyof ArticleRow] === value);
}

function sameList(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

async function findCategory(trx: Db, nameOrSlug: string) {
  return trx
    .selectFrom("category")
    .select(["id", "name"])
    .where((eb) =>
      eb.or([
        eb("slug", "=", slugify(nameOrSlug)),
        eb(eb.fn("lower", ["name"]), "=", nameOrSlug.toLowerCase()),
      ]),
    )
    .executeTakeFirst();
}

// A byline names a desk ("Trending on Weibo", "Resou Desk") or a person; team words decide.
function bylineKind(name: string): AuthorTable["kind"] {
  return /\b(desk|team|staff|newsroom|trending|editors?|bureau)\b/i.test(name) ? "desk" : "person";
}

async function ensureAuthor(trx: Db, name: string): Promise<number> {
  const slug = slugify(name);
  const found = await trx
    .selectFrom("author")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (found) return found.id;
  const row = await trx
    .insertInto("author")
    .values({ slug, name, kind: bylineKind(name), bio: "" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function ensureTags(trx: Db, names: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const slug = slugify(name);
    const found = await trx
      .selectFrom("tag")
      .select("id")
      .where("slug", "=", slug)
      .executeTakeFirst();
    const id =
      found?.id ??
      (await trx.insertInto("tag").values({ slug, name }).returning("id").executeTakeFirstOrThrow())
        .id;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

async function replaceTags(trx: Db, articleId: number, tagIds: number[]) {
  await trx.deleteFrom("article_tag").where("article_id", "=", articleId).execute();
  if (tagIds.length === 0) return;
  await trx
    .insertInto("article_tag")
    .values(tagIds.map((tag_id, position) => ({ article_id: articleId, tag_id, position })))
    .execute();
}

/** Keeps the full-text entry in step with the article, in the same transaction. */
async function writeSearchEntry(
  trx: Db,
  dialect: DialectName,
  articleId: number,
  source: Omit<SearchSource, "topicTitle">,
) {
  await trx.deleteFrom("article_fts").where("rowid", "=", articleId).execute();
  // The trend desk's English title for the hashtag, when it differs from the article's.
  const word = hashtagWord(source.hashtag);
  const topic = word
    ? await trx
        .selectFrom("trend_topic")
        .select("title_en")
        .where("word", "=", word)
        .where("title_en", "<>", "")
        .orderBy("last_seen_at", "desc")
        .executeTakeFirst()
    : undefined;
  const doc = searchDocument({ ...source, topicTitle: topic?.title_en });
  if (dialect === "sqlite") {
    await sql`insert into article_fts (rowid, headline, body, cjk, labels)
      values (${articleId}, ${doc.headline}, ${doc.body}, ${doc.cjk}, ${doc.labels})`.execute(trx);
  } else {
    await trx
      .insertInto("article_fts")
      .values({ rowid: articleId, ...doc })
      .execute();
  }
}
