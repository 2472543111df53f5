import { writerChangeFeed } from "../../src/changes/database-change-feed.js";
import { loadConfig } from "../../src/config/env.js";
import { systemClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/log.js";
import { openDatabase } from "../../src/db/database.js";
import { digestJobHandlers } from "../../src/digest/digest-jobs.js";
import { startWorker } from "../../src/jobs/worker.js";

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
