import type { Kysely } from "kysely";
import type { Config } from "../config/env.js";
import type { DigestEdition, Tables } from "../db/schema.js";
import { enqueueJobIn } from "../jobs/job-queue.js";
import { type AuditContext, recordAudit } from "../newsroom/audit-log.js";
import { buildDigest } from "./digest-builder.js";
import type { Digest } from "./digest-model.js";
import { digestWindow } from "./digest-window.js";
import { type IssueRow, issueFor, publishIssue } from "./issue-store.js";

export const SEND_JOB = "digest.send";
/** A send job keeps retrying (with the queue's back-off) while deliveries are due. */
export const SEND_JOB_ATTEMPTS = 20;
export const NOTE_MAX = 4000;

type DigestConfig = Pick<Config, "DIGEST_TIME_ZONE">;

/** The issue's content as of now: the stored numbers plus the editor's note. */
export async function digestForIssue(
  db: Kysely<Tables>,
  issue: Pick<IssueRow, "edition" | "day" | "note">,
  config: DigestConfig,
): Promise<Digest> {
  return buildDigest(
    db,
    digestWindow(issue.edition, issue.day, config.DIGEST_TIME_ZONE),
    issue.note,
  );
}

/** Saves the editor's note (plain text) and records it in the audit log, together. */
export async function saveNote(
  db: Kysely<Tables>,
  edition: DigestEdition,
  day: string,
  note: string,
  audit: AuditContext,
  now: Date,
): Promise<IssueRow> {
  const issue = await issueFor(db, edition, day, now);
  const text = note.replace(/\r\n/g, "\n").slice(0, NOTE_MAX);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("digest_issue")
      .set({ note: text, updated_at: now.toISOString() })
      .where("id", "=", issue.id)
      .execute();
    await recordAudit(
      trx,
      audit,
      {
        action: "digest.note",
        targetType: "digest_issue",
        targetId: issue.id,
        detail: { edition, day, length: text.length },
      },
      now,
    );
  });
  return { ...issue, note: text };
}

/** Marks a draft to be sent by the daily task at the configured time after its day ends. */
export async function scheduleIssue(
  db: Kysely<Tables>,
  issue: IssueRow,
  audit: AuditContext,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("digest_issue")
      .set({ status: "scheduled", updated_at: now.toISOString() })
      .where("id", "=", issue.id)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAudit(
      trx,
      audit,
      {
        action: "digest.schedule",
        targetType: "digest_issue",
        targetId: issue.id,
        detail: { day: issue.day, edition: issue.edition },
      },
      now,
    );
    return true;
  });
}

/**
 * Publishes the web and feed versions and, when mail is configured, queues the send (one
 * job per issue, by unique key). A draft or scheduled issue moves to `sending` exactly once.
 */
export async function requestSend(
  db: Kysely<Tables>,
  issue: IssueRow,
  mail: boolean,
  audit: AuditContext,
  now: Date,
): Promise<boolean> {
  await publishIssue(db, issue.id, now);
  if (!mail) return false;
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("digest_issue")
      .set({
        status: "sending",
        send_requested_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .where("id", "=", issue.id)
      .where("status", "in", ["draft", "scheduled"])
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await enqueueJobIn(trx, SEND_JOB, { issueId: issue.id }, now, {
      uniqueKey: `${SEND_JOB}:${issue.id}`,
      maxAttempts: SEND_JOB_ATTEMPTS,
    });
    await recordAudit(
      trx,
      audit,
      {
        action: "digest.send",
        targetType: "digest_issue",
        targetId: issue.id,
        detail: { day: issue.day, edition: issue.edition },
      },
      now,
    );
    return true;
  });
}
