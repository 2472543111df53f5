/**
 * A worker-role process for the crash test: the real worker loop claiming `writing.pipeline`
 * jobs from the database the parent names, with research served from a stored bundle.
 * Environment: DATABASE_URL, DATABASE_SCHEMA, LLM_* (the replay server), RESOU_BUNDLE (a
 * bundle file), RESOU_STALE_MS (how old a running job must be to be taken over).
 */
import { writerChangeFeed } from "../../changes/database-change-feed.js";
import { loadConfig } from "../../config/env.js";
import { systemClock } from "../../core/clock.js";
import { silentLogger } from "../../core/log.js";
import { openDatabase } from "../../db/database.js";
import { startWorker } from "../../jobs/worker.js";
import { writingJobHandlers } from "../pipeline-job.js";
import { bundleResearch, readBundle } from "../source-bundle.js";

const config = loadConfig(process.env);
const bundle = readBundle(process.env.RESOU_BUNDLE ?? "");
const database = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
const deps = {
  database,
  config,
  clock: systemClock,
  log: silentLogger,
  changes: await writerChangeFeed(database, silentLogger),
};
const worker = startWorker({
  database,
  clock: systemClock,
  log: silentLogger,
  handlers: writingJobHandlers(deps, { research: () => bundleResearch(bundle.sources) }),
  pollMs: 50,
  staleAfterMs: Number(process.env.RESOU_STALE_MS ?? 60_000),
});
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void worker
    .stop()
    .then(() => database.destroy())
    .then(() => process.exit(0));
});
