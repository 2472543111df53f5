import { type Kysely, sql } from "kysely";
import type { Database } from "../db/database.js";
import type { JobRow, Tables } from "../db/schema.js";

export interface EnqueueOptions {
  runAt?: Date;
  /** While a job with this key is queued or running, enqueueing it again is a no-op. */
  uniqueKey?: string;
  maxAttempts?: number;
}

/**
 * Adds a job. Idempotent by `uniqueKey`; returns the id of the job that will run.
 */
export async function enqueueJob(
  database: Database,
  kind: string,
  payload: unknown,
  now: Date,
  options: EnqueueOptions = {},
): Promise<number> {
  return database.db.transaction().execute((trx) => enqueueJobIn(trx, kind, payload, now, options));
}

/**
 * Adds a job inside the caller's transaction, so the job exists exactly when the write that
 * asked for it commits. Idempotent by `uniqueKey`, like `enqueueJob`.
 */
export async function enqueueJobIn(
  trx: Kysely<Tables>,
  kind: string,
  payload: unknown,
  now: Date,
  options: EnqueueOptions = {},
): Promise<number> {
  if (options.uniqueKey) {
    const existing = await trx
      .selectFrom("job")
      .select("id")
      .where("unique_key", "=", options.uniqueKey)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirst();
    if (existing) return existing.id;
  }
  const row = await trx
    .insertInto("job")
    .values({
      kind,
      payload: JSON.stringify(payload ?? {}),
      status: "queued",
      unique_key: options.uniqueKey ?? null,
      run_at: (options.runAt ?? now).toISOString(),
      max_attempts: options.maxAttempts ?? 5,
      created_at: now.toISOString(),
      last_error: null,
      locked_by: null,
      locked_at: null,
      finished_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims the oldest due job for one worker. On PostgreSQL concurrent claimers skip each
 * other's locked rows; on SQLite the single writer makes the UPDATE atomic.
 */
export async function claimJob(
  database: Database,
  workerId: string,
  now: Date,
  kinds?: string[],
): Promise<JobRow | undefined> {
  const at = now.toISOString();
  const kindFilter = kinds?.length ? sql`and kind in (${sql.join(kinds)})` : sql``;
  const lock = database.dialect === "postgres" ? sql`for update skip locked` : sql``;
  const { rows } = await sql<JobRow>`
    update job set status = 'running', locked_by = ${workerId}, locked_at = ${at}, attempts = attempts + 1
    where id = (
      select id from job where status = 'queued' and run_at <= ${at} ${kindFilter}
      order by run_at, id limit 1 ${lock}
    )
    returning *`.execute(database.db);
  return rows[0];
}

export async function completeJob(db: Kysely<Tables>, id: number, now: Date): Promise<void> {
  await db
    .updateTable("job")
    .set({ status: "done", finished_at: now.toISOString(), locked_by: null })
    .where("id", "=", id)
    .execute();
}

/** Re-queues with exponential back-off until attempts run out, then marks it failed. */
export async function failJob(
  db: Kysely<Tables>,
  job: JobRow,
  error: unknown,
  now: Date,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const exhausted = job.attempts >= job.max_attempts;
  const delayMs = Math.min(2 ** job.attempts * 1000, 60 * 60 * 1000);
  await db
    .updateTable("job")
    .set({
      status: exhausted ? "failed" : "queued",
      last_error: message.slice(0, 2000),
      locked_by: null,
      run_at: exhausted ? job.run_at : new Date(now.getTime() + delayMs).toISOString(),
      finished_at: exhausted ? now.toISOString() : null,
    })
    .where("id", "=", job.id)
    .execute();
}

/**
 * A running job's worker is alive: refreshes its lock time, so a long job (a slow model
 * drafting for twenty minutes) is never mistaken for one abandoned by a dead worker.
 * False when the job is no longer this worker's.
 */
export async function heartbeatJob(
  db: Kysely<Tables>,
  id: number,
  workerId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("job")
    .set({ locked_at: now.toISOString() })
    .where("id", "=", id)
    .where("status", "=", "running")
    .where("locked_by", "=", workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Jobs whose worker died mid-run go back to the queue after the timeout. */
export async function requeueStaleJobs(
  db: Kysely<Tables>,
  now: Date,
  timeoutMs: number,
): Promise<number> {
  const cutoff = new Date(now.getTime() - timeoutMs).toISOString();
  const result = await db
    .updateTable("job")
    .set({ status: "queued", locked_by: null })
    .where("status", "=", "running")
    .where("locked_at", "<", cutoff)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
