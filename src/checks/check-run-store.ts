import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";

/**
 * What readers may know about how a story was checked: counts and a date, never the flags'
 * sentences, evidence or the editors' reasons (those stay in the newsroom).
 */
export interface PublicCheckSummary {
  sentences: number;
  sources: number;
  /** Distinct error-level flags raised on any revision (fixed since, overridden or open). */
  errors: number;
  /** Error-level flags still open (zero for anything published through the newsroom). */
  openErrors: number;
  /** Flags an editor overrode with a reason. */
  overridden: number;
  /** UTC ISO time of the check. */
  checkedAt: string;
}

/** Records that a revision was checked, with what it covered. Same transaction as its flags. */
export async function recordCheckRun(
  db: Kysely<Tables>,
  run: { articleId: number; revision: number; sentences: number; sources: number; now: Date },
): Promise<void> {
  await db
    .insertInto("check_run")
    .values({
      article_id: run.articleId,
      revision: run.revision,
      sentence_count: run.sentences,
      source_count: run.sources,
      checked_at: run.now.toISOString(),
    })
    .execute();
}

/** The newest checked revision's summary, or null when the story was never checked. */
export async function publicCheckSummary(
  db: Kysely<Tables>,
  articleId: number,
): Promise<PublicCheckSummary | null> {
  const run = await db
    .selectFrom("check_run")
    .selectAll()
    .where("article_id", "=", articleId)
    .orderBy("revision", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!run) return null;
  const flags = await db
    .selectFrom("check_flag")
    .select(["severity", "status"])
    .where("article_id", "=", articleId)
    .where("revision", "=", run.revision)
    .execute();
  // A flag fixed by a later revision lives on the revision that raised it: count errors over
  // every revision, by fingerprint, so the same flag carried across revisions counts once.
  const raised = await db
    .selectFrom("check_flag")
    .select("fingerprint")
    .distinct()
    .where("article_id", "=", articleId)
    .where("severity", "=", "error")
    .execute();
  return {
    sentences: run.sentence_count,
    sources: run.source_count,
    errors: raised.length,
    openErrors: flags.filter((f) => f.severity === "error" && f.status === "open").length,
    overridden: flags.filter((f) => f.status === "overridden").length,
    checkedAt: run.checked_at,
  };
}
