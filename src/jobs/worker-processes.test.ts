import { type ChildProcess, spawn } from "node:child_process";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { enqueueJobIn } from "./job-queue.js";

const JOBS = 200;

/** Starts test/support/worker-child.ts on the same data; resolves once its worker runs. */
function startWorkerProcess(database: TestDatabase): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/worker-child.ts"], {
    env: { ...process.env, RESOU_CHILD_URL: database.url, RESOU_CHILD_SCHEMA: database.schema },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString("utf8").includes("ready")) resolve();
    });
  });
  return { child, ready };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

/**
 * Issue 11: jobs are claimed once across processes. Two real worker processes on one
 * database and many queued jobs: every job runs exactly once, in one of them.
 */
describe.each(TEST_DIALECTS)("two worker processes on %s", (dialect) => {
  let database: TestDatabase;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await sql`create table job_run (job_id integer not null, pid integer not null)`.execute(
      database.db,
    );
  });
  afterEach(async () => {
    for (const child of children.splice(0)) await stop(child);
    await database.destroy();
  });

  it("run every one of many queued jobs exactly once", async () => {
    const workers = [startWorkerProcess(database), startWorkerProcess(database)];
    children.push(...workers.map((w) => w.child));
    await Promise.all(workers.map((w) => w.ready));
    const now = new Date();
    await database.db.transaction().execute(async (trx) => {
      for (let n = 0; n < JOBS; n++) await enqueueJobIn(trx, "count", { n }, now);
    });
    for (;;) {
      const open = await database.db
        .selectFrom("job")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "!=", "done")
        .executeTakeFirstOrThrow();
      if (Number(open.n) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const child of children.splice(0)) expect(await stop(child)).toBe(0);

    const runs = await sql<{ job_id: number; pid: number }>`
      select job_id, pid from job_run`.execute(database.db);
    const jobs = await database.db.selectFrom("job").select(["id", "attempts"]).execute();
    expect(jobs).toHaveLength(JOBS);
    expect(runs.rows).toHaveLength(JOBS);
    expect(new Set(runs.rows.map((r) => Number(r.job_id)))).toEqual(
      new Set(jobs.map((j) => Number(j.id))),
    );
    expect(jobs.every((j) => j.attempts === 1)).toBe(true);
    // Both processes claimed jobs (each one's first job waits for the other's).
    expect(new Set(runs.rows.map((r) => Number(r.pid))).size).toBe(2);
  }, 120_000);
});
