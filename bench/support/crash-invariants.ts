import { sql } from "kysely";
import { systemClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/log.js";
import type { Database } from "../../src/db/database.js";
import { requeueStaleJobs } from "../../src/jobs/job-queue.js";
import { startWorker } from "../../src/jobs/worker.js";
import { crashJobHandler } from "./crash-job.js";
import { newsroomProblems, publishHandlers } from "./crash-newsroom.js";
import { PhaseTimes } from "./phase-times.js";

const count = async (database: Database, query: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await query.execute(database.db)).rows[0]?.n ?? 0);

/**
 * What a killed writer must never leave behind; returns the violations (empty when sound).
 * Recovers first, as a restarted worker does: jobs of the dead worker go back to the queue
 * and run, so "every job finished exactly once" is checked after recovery.
 */
export async function checkAfterCrash(
  database: Database,
  time = new PhaseTimes(),
): Promise<string[]> {
  const problems: string[] = [];
  let t = performance.now();
  if (database.dialect === "sqlite") {
    const rows = (
      await sql<{ integrity_check: string }>`pragma integrity_check`.execute(database.db)
    ).rows;
    if (rows[0]?.integrity_check !== "ok")
      problems.push(`integrity_check: ${rows.map((r) => r.integrity_check).join("; ")}`);
    t = time.add("check: integrity_check", t);
  }
  const articles = await count(database, sql`select count(*) as n from article`);
  const fts = await count(database, sql`select count(*) as n from article_fts`);
  if (articles !== fts) problems.push(`${articles} articles but ${fts} search entries`);
  const halves = await count(
    database,
    sql`select count(*) as n from article a where a.slug like 'crash-%-0' and not exists
      (select 1 from article b where b.slug = substr(a.slug, 1, length(a.slug) - 1) || '1')`,
  );
  if (halves > 0) problems.push(`${halves} imports saved half-way`);
  const snapshots = await count(
    database,
    sql`select count(*) as n from trend_snapshot s where s.kind = 'list' and s.ranked_count <>
      (select count(*) from trend_point p where p.snapshot_id = s.id)`,
  );
  if (snapshots > 0) problems.push(`${snapshots} snapshots whose points do not match`);
  t = time.add("check: rows half-written", t);

  await requeueStaleJobs(database.db, new Date(Date.now() + 1000), 0);
  // A schedule made just before the kill queues its job up to 500 ms ahead: wait for it.
  const last = await database.db
    .selectFrom("job")
    .select((eb) => eb.fn.max("run_at").as("at"))
    .where("status", "=", "queued")
    .executeTakeFirst();
  const wait = last?.at ? Date.parse(last.at) - Date.now() : 0;
  if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait + 10, 1000)));
  t = time.add("check: requeue, wait for queued schedules", t);
  const worker = startWorker({
    database,
    clock: systemClock,
    log: silentLogger,
    handlers: { "crash-test": crashJobHandler(database), ...(await publishHandlers(database)) },
    pollMs: 60_000,
  });
  await worker.drain();
  await worker.stop();
  t = time.add("check: recovery worker", t);
  const unfinished = await count(
    database,
    sql`select count(*) as n from job where status <> 'done'`,
  );
  if (unfinished > 0) problems.push(`${unfinished} jobs not finished after recovery`);
  const lost = await count(
    database,
    sql`select count(*) as n from job j where j.kind = 'crash-test' and not exists
      (select 1 from article a where a.slug = 'job-' || cast(j.id as text))`,
  );
  if (lost > 0) problems.push(`${lost} finished jobs without their effect`);
  const duplicated = await count(
    database,
    sql`select count(*) as n from (select slug from article group by slug having count(*) > 1) d`,
  );
  if (duplicated > 0) problems.push(`${duplicated} duplicated articles`);
  t = time.add("check: jobs lost or duplicated", t);
  problems.push(...(await newsroomProblems(database)));
  time.add("check: newsroom", t);
  return problems;
}
