import { sql } from "kysely";
import { systemClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/log.js";
import { openDatabase } from "../../src/db/database.js";
import { startWorker } from "../../src/jobs/worker.js";

/**
 * Another worker process on the same data: runs `count` jobs, each recording its run as a
 * row of `job_run` (job id, this process's id), and prints `ready` once its worker runs.
 * A process's first job waits until the other process has run one too, so both surely
 * claim jobs while the other is claiming (no test that passes because one did all).
 * Env: RESOU_CHILD_URL, RESOU_CHILD_SCHEMA.
 */
const database = await openDatabase({
  url: process.env.RESOU_CHILD_URL ?? "",
  schema: process.env.RESOU_CHILD_SCHEMA ?? "public",
});
let first = true;
const worker = startWorker({
  database,
  clock: systemClock,
  log: silentLogger,
  pollMs: 10,
  handlers: {
    async count(_payload, { jobId }) {
      await sql`insert into job_run (job_id, pid) values (${jobId}, ${process.pid})`.execute(
        database.db,
      );
      if (!first) return;
      first = false;
      for (;;) {
        const { rows } = await sql<{ n: number }>`
          select count(*) as n from job_run where pid <> ${process.pid}`.execute(database.db);
        if (Number(rows[0]?.n) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  },
});
// The worker's timer keeps the process alive; SIGTERM stops after the job in hand.
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void worker
    .stop()
    .then(() => database.destroy())
    .then(() => process.exit(0));
});
