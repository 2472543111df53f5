import { writerChangeFeed } from "../../changes/database-change-feed.js";
import { loadConfig } from "../../config/env.js";
import { systemClock } from "../../core/clock.js";
import { silentLogger } from "../../core/log.js";
import { openDatabase } from "../../db/database.js";
import { startWorker } from "../../jobs/worker.js";
import { digestJobHandlers } from "../digest-jobs.js";

/**
 * A digest worker in its own process, for the test that kills one with SIGKILL mid-send.
 * Configured entirely by the environment (DATABASE_URL, DATABASE_SCHEMA, SMTP_URL, …).
 */
const config = loadConfig(process.env);
const database = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
startWorker({
  database,
  clock: systemClock,
  log: silentLogger,
  handlers: digestJobHandlers({
    database,
    config,
    clock: systemClock,
    log: silentLogger,
    changes: await writerChangeFeed(database, silentLogger),
  }),
  pollMs: 100,
});
process.stdout.write("ready\n");
