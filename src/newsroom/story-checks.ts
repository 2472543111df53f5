import { type Kysely, sql, type Transaction } from "kysely";
import { checkArticle } from "../checks/check-article.js";
import { buildContext } from "../checks/check-context.js";
import { recordCheckRun } from "../checks/check-run-store.js";
import type { CheckInput, CheckSource } from "../checks/check-types.js";
import { type FlagActor, recordRevisionFlags } from "../checks/flag-store.js";
import { loadReferenceData } from "../checks/reference-data.js";
import type { DialectName } from "../db/database.js";
import type { Tables } from "../db/schema.js";
import type { StoryContent } from "./story-content.js";

/** Lead, then each section under its `## ` heading: the body the checks read. */
export function storyBody(content: StoryContent): string {
  const parts = [content.lead.trim()];
  for (const s of content.sections) parts.push(`## ${s.heading}\n\n${s.body.trim()}`);
  return parts.filter((p) => p !== "").join("\n\n");
}

/**
 * Texts of the cited sources: research keeps each fetched version in `research_source`
 * (immutable rows named by `sourceId`). Stories whose sources came without research (a URL
 * typed into the editor) are checked against their title only, which flags what they
 * cannot support rather than letting it pass.
 */
async function sourceTexts(
  db: Kysely<Tables>,
  dialect: DialectName,
  ids: number[],
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  // The research branch owns the table; ask whether it exists before reading it, since a
  // failed statement would abort a PostgreSQL transaction.
  const exists =
    dialect === "sqlite"
      ? await sql<{
          n: number;
        }>`select count(*) as n from sqlite_master where type = 'table' and name = 'research_source'`.execute(
          db,
        )
      : await sql<{
          n: number;
        }>`select count(*) as n from information_schema.tables where table_name = 'research_source' and table_schema = current_schema()`.execute(
          db,
        );
  if (Number(exists.rows[0]?.n ?? 0) === 0) return out;
  const rows = await sql<{
    id: number;
    text: string;
  }>`select id, text from research_source where id in (${sql.join(ids)})`.execute(db);
  for (const r of rows.rows) out.set(Number(r.id), r.text);
  return out;
}

export async function storyCheckInput(
  db: Kysely<Tables>,
  dialect: DialectName,
  content: StoryContent,
  publishedAt: string,
  timeZone: string,
): Promise<CheckInput> {
  const ids = content.sources.map((s) => s.sourceId).filter((id): id is number => id !== undefined);
  const texts = await sourceTexts(db, dialect, ids);
  const sources: CheckSource[] = content.sources.map((s, i) => ({
    id: i + 1,
    outlet: s.outlet ?? "",
    publishedAt: s.publishedAt ?? null,
    text: (s.sourceId !== undefined ? texts.get(s.sourceId) : undefined) ?? s.title,
    url: s.url,
    title: s.title,
  }));
  return {
    headline: content.headline,
    dek: content.dek,
    publishedAt,
    timeZone,
    body: storyBody(content),
    sources,
  };
}

/** Runs the checks on a revision being written and stores its flags, inside the same transaction. */
export async function checkRevision(
  trx: Transaction<Tables>,
  dialect: DialectName,
  args: {
    articleId: number;
    revision: number;
    content: StoryContent;
    publishedAt: string;
    timeZone: string;
    actor: FlagActor;
    now: Date;
  },
): Promise<void> {
  const input = await storyCheckInput(trx, dialect, args.content, args.publishedAt, args.timeZone);
  const reference = await loadReferenceData(trx);
  const flags = checkArticle(input, reference);
  await recordRevisionFlags(trx, args.articleId, args.revision, flags, args.actor, args.now);
  // Parsed again for the count only: checkArticle stays a pure input → flags function.
  await recordCheckRun(trx, {
    articleId: args.articleId,
    revision: args.revision,
    sentences: buildContext(input, reference).body.sentences.length,
    sources: input.sources.length,
    now: args.now,
  });
}
