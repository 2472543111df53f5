import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { createApp } from "../app/create-app.js";
import type { Config } from "../config/env.js";
import { ensureCategories } from "../content/categories.js";
import { loadDemoContentIfEmpty } from "../content/demo-content.js";
import { type Clock, systemClock } from "../core/clock.js";
import type { Logger } from "../core/log.js";
import { type Database, openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { startScheduler } from "../jobs/scheduler.js";
import { startWorker } from "../jobs/worker.js";
import { createRelatedService } from "../related/related-service.js";
import type { SiteDeps } from "../web/site-deps.js";
import { answerClientErrors, MAX_HEADER_BYTES } from "./client-error.js";
import { jobHandlers } from "./job-handlers.js";
import { scheduledTasks } from "./scheduled-tasks.js";

export interface Running {
  database: Database;
  /** The port the web role listens on, when it runs. */
  port?: number;
  stop(): Promise<void>;
}

/** Opens and migrates the database, then starts each configured role. */
export async function startResou(
  config: Config,
  log: Logger,
  clock: Clock = systemClock,
): Promise<Running> {
  const database = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
  await migrateToLatest(database);
  await ensureCategories(database.db, config.CATEGORIES);
  if (config.DEMO_CONTENT) {
    const loaded = await loadDemoContentIfEmpty(database, {
      now: clock.now(),
      deskByline: config.DESK_BYLINE,
      timeZone: config.TIME_ZONE,
    });
    if (loaded > 0) log.info({ articles: loaded }, "loaded demo content into the empty database");
  }
  // One related-articles engine per process, built on first use and kept current after
  // every publishing action (newsroom hooks) and every minute (scheduler).
  const related = createRelatedService(database);
  const deps: SiteDeps = {
    database,
    config,
    clock,
    log,
    articleListeners: [
      async () => {
        await related.refresh(clock.now());
      },
    ],
  };
  const stops: (() => Promise<void> | void)[] = [];
  let port: number | undefined;

  if (config.ROLES.includes("worker")) {
    const worker = startWorker({
      database,
      clock,
      log: log.child({ role: "worker" }),
      handlers: jobHandlers(deps),
    });
    stops.push(() => worker.stop());
  }
  if (config.ROLES.includes("scheduler")) {
    const scheduler = startScheduler({
      database,
      clock,
      log: log.child({ role: "scheduler" }),
      tasks: scheduledTasks(deps, related),
    });
    stops.push(() => scheduler.stop());
  }
  if (config.ROLES.includes("web")) {
    const app = createApp(deps);
    port = await new Promise<number>((resolve, reject) => {
      const server = serve(
        {
          fetch: app.fetch,
          port: config.PORT,
          hostname: config.HOST,
          serverOptions: { maxHeaderSize: MAX_HEADER_BYTES },
        },
        (info) => resolve(info.port),
      );
      server.once("error", reject);
      answerClientErrors(server as Server, app.fetch, config.SITE_NAME);
      stops.unshift(
        () =>
          new Promise<void>((done) => {
            server.close(() => done());
          }),
      );
    });
    log.info(
      { url: `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}/` },
      "site is up",
    );
  }
  log.info({ roles: config.ROLES, dialect: database.dialect }, "resou started");

  return {
    database,
    ...(port === undefined ? {} : { port }),
    async stop() {
      for (const stop of stops) await stop();
      await database.destroy();
    },
  };
}
