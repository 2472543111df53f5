import type { Kysely, Selectable } from "kysely";
import type { CheckFlagTable, Tables } from "../db/schema.js";
import type { CheckFlag, CheckKind, Severity } from "./check-types.js";
import { stripMarkers } from "./sentence-split.js";
import { looseText } from "./text-normalise.js";

export type FlagStatus = "open" | "fixed" | "overridden";
export type StoredFlag = Selectable<CheckFlagTable>;

export interface FlagActor {
  id: number | null;
  label: string;
}

/** Same kind, same sentence (markers and spacing aside), same finding: "the same flag" across revisions. */
export function fingerprintOf(flag: CheckFlag): string {
  return `${flag.kind}|${looseText(stripMarkers(flag.sentence))}|${looseText(flag.message)}`;
}

/** The newest revision of a story that has been checked, or null. */
async function latestCheckedRevision(
  db: Kysely<Tables>,
  articleId: number,
): Promise<number | null> {
  const row = await db
    .selectFrom("check_flag")
    .select((eb) => eb.fn.max("revision").as("revision"))
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  return row?.revision ?? null;
}

/**
 * Stores the flags of a new revision. A flag the previous revision also raised keeps its
 * override (an editor's reasoned decision stands while the sentence is unchanged); a flag
 * of the previous revision that no longer fires is marked fixed by this revision's author.
 * Run inside the transaction that writes the revision, so a revision never exists unchecked.
 */
export async function recordRevisionFlags(
  db: Kysely<Tables>,
  articleId: number,
  revision: number,
  flags: readonly CheckFlag[],
  actor: FlagActor,
  now: Date,
): Promise<void> {
  const previous = await latestCheckedRevision(db, articleId);
  const before =
    previous === null
      ? []
      : await db
          .selectFrom("check_flag")
          .selectAll()
          .where("article_id", "=", articleId)
          .where("revision", "=", previous)
          .execute();
  const byPrint = new Map(before.map((f) => [f.fingerprint, f]));
  const at = now.toISOString();
  const seen = new Set<string>();
  const rows = flags.map((f) => {
    const fingerprint = fingerprintOf(f);
    seen.add(fingerprint);
    const prior = byPrint.get(fingerprint);
    const carried = prior?.status === "overridden";
    return {
      article_id: articleId,
      revision,
      sentence_index: f.sentenceIndex,
      sentence: f.sentence.slice(0, 2000),
      kind: f.kind,
      fingerprint,
      message: f.message.slice(0, 1000),
      evidence: f.evidence.slice(0, 2000),
      severity: f.severity,
      status: carried ? "overridden" : "open",
      resolution_reason: carried ? prior.resolution_reason : null,
      resolver_id: carried ? prior.resolver_id : null,
      resolver_label: carried ? prior.resolver_label : null,
      resolved_at: carried ? prior.resolved_at : null,
      created_at: at,
    };
  });
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto("check_flag")
      .values(rows.slice(i, i + 200))
      .execute();
  }
  const fixed = before
    .filter((f) => f.status === "open" && !seen.has(f.fingerprint))
    .map((f) => f.id);
  if (fixed.length > 0) {
    await db
      .updateTable("check_flag")
      .set({
        status: "fixed",
        resolution_reason: `no longer raised in revision ${revision}`,
        resolver_id: actor.id,
        resolver_label: actor.label,
        resolved_at: at,
      })
      .where("id", "in", fixed)
      .execute();
  }
}

/** The flags of the newest checked revision (or of a given one), in sentence order. */
export async function listFlags(
  db: Kysely<Tables>,
  articleId: number,
  revision?: number,
): Promise<StoredFlag[]> {
  const rev = revision ?? (await latestCheckedRevision(db, articleId));
  if (rev === null) return [];
  return db
    .selectFrom("check_flag")
    .selectAll()
    .where("article_id", "=", articleId)
    .where("revision", "=", rev)
    .orderBy("sentence_index")
    .orderBy("id")
    .execute();
}

/** Open error-level flags on the newest checked revision: what blocks publishing. */
export async function openErrorFlags(db: Kysely<Tables>, articleId: number): Promise<StoredFlag[]> {
  const flags = await listFlags(db, articleId);
  return flags.filter((f) => f.severity === "error" && f.status === "open");
}

/** Marks one open flag overridden with the editor's reason; false when it is not open any more. */
export async function overrideFlag(
  db: Kysely<Tables>,
  flagId: number,
  reason: string,
  actor: FlagActor,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("check_flag")
    .set({
      status: "overridden",
      resolution_reason: reason,
      resolver_id: actor.id,
      resolver_label: actor.label,
      resolved_at: now.toISOString(),
    })
    .where("id", "=", flagId)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function isSeverity(value: string): value is Severity {
  return value === "error" || value === "warning" || value === "info";
}

export type { CheckKind };
