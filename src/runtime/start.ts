import { createApp } from "../app/create-app.js";
import { startChangeFeed } from "../changes/database-change-feed.js";
import { type Config, listenOrigin } from "../config/env.js";
import { siteOrigin } from "../config/site-origin.js";
import { ensureCategories } from "../content/categories.js";
import { loadDemoContentIfEmpty } from "../content/demo-content.js";
import { prepareMarkdown } from "../content/markdown.js";
import { type Clock, systemClock } from "../core/clock.js";
import type { Logger } from "../core/log.js";
import { type Database, openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { startScheduler } from "../jobs/scheduler.js";
import { startWorker } from "../jobs/worker.js";
import {
  relatedChangeListener,
  relatedJobHandlers,
  startRelatedCursor,
} from "../related/related-job.js";
import { createRelatedService } from "../related/related-service.js";
import { loadTrendReplay } from "../trends/demo-replay.js";
import { CategoryMemo } from "../web/category-memo.js";
import { PageCache } from "../web/page-cache/page-cache.js";
import { subscribePageCache } from "../web/page-cache/page-cache-invalidation.js";
import { createPageServer } from "../web/page-cache/page-server.js";
import type { SiteDeps } from "../web/site-deps.js";
import { answerClientErrors, MAX_HEADER_BYTES } from "./client-error.js";
import { isEmptyDatabase } from "./empty-database.js";
import { jobHandlers } from "./job-handlers.js";
import { scheduledTasks } from "./scheduled-tasks.js";

/** How long after listening a web process builds the Markdown sanitizer. */
const MARKDOWN_WARM_UP_MS = 1_000;

export interface Running {
  database: Database;
  /** The port the web role listens on, when it runs. */
  port?: number;
  stop(): Promise<void>;
}

/**
 * Migrates, makes the configured categories exist and loads the demo set into an empty
 * database. `startResou` does it; a cluster's primary does it once before forking.
 */
export async function prepareDatabase(
  database: Database,
  config: Config,
  log: Logger,
  clock: Clock = systemClock,
): Promise<void> {
  await migrateToLatest(database);
  await ensureCategories(database.db, config.CATEGORIES);
  // Decided before the demo articles arrive: "empty" means a first start, nothing stored yet.
  const firstStart = config.DEMO_TRENDS && (await isEmptyDatabase(database));
  if (config.DEMO_CONTENT) {
    const loaded = await loadDemoContentIfEmpty(database, {
      now: clock.now(),
      deskByline: config.DESK_BYLINE,
      timeZone: config.TIME_ZONE,
    });
    if (loaded > 0) log.info({ articles: loaded }, "loaded demo content into the empty database");
  }
  if (firstStart) {
    const replay = await loadTrendReplay(database.db, clock.now());
    log.info(
      { lists: replay.stored, from: replay.from, to: replay.to },
      "loaded the recorded hot-search day (a marked replay) into the empty database",
    );
  }
}

/** Opens and migrates the database, then starts each configured role. */
export async function startResou(
  config: Config,
  log: Logger,
  clock: Clock = systemClock,
): Promise<Running> {
  const database = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
  await prepareDatabase(database, config, log, clock);
  // One change feed per process, whatever its roles: every consumer subscribes to it.
  const changes = await startChangeFeed({
    database,
    log: log.child({ component: "changes" }),
    role: config.ROLES.join("+"),
  });
  const pageCache =
    config.PAGE_CACHE_MAX_MB > 0
      ? new PageCache({
          maxBytes: config.PAGE_CACHE_MAX_MB * 1024 * 1024,
          now: () => clock.now().getTime(),
        })
      : undefined;
  const categories = new CategoryMemo();
  // Subscribed before the server listens: no page is stored that a missed change made stale.
  const unsubscribeCaches = subscribePageCache(changes, pageCache, categories);
  const deps: SiteDeps = {
    database,
    config,
    clock,
    log,
    changes,
    categories,
    ...(pageCache ? { pageCache } : {}),
  };
  const stops: (() => Promise<void> | void)[] = [];
  let port: number | undefined;

  if (config.ROLES.includes("worker")) {
    // Only the worker role holds the related-articles index (hundreds of MB at 100k
    // articles): article changes queue a job that refreshes exactly the lists they touch.
    const related = createRelatedService(database);
    await startRelatedCursor(database, clock.now());
    const unsubscribe = changes.subscribe(relatedChangeListener(database, clock));
    const workerLog = log.child({ role: "worker" });
    const worker = startWorker({
      database,
      clock,
      log: workerLog,
      handlers: {
        ...jobHandlers(deps),
        ...relatedJobHandlers(database, related, clock, workerLog),
      },
    });
    stops.push(() => {
      unsubscribe();
      return worker.stop();
    });
  }
  if (config.ROLES.includes("scheduler")) {
    const scheduler = startScheduler({
      database,
      clock,
      log: log.child({ role: "scheduler" }),
      tasks: scheduledTasks(deps),
    });
    stops.push(() => scheduler.stop());
  }
  if (config.ROLES.includes("web")) {
    // The app is built once the port is known: an unset SITE_URL follows the real port.
    let app: ReturnType<typeof createApp> | undefined;
    const fetch = (request: Request) =>
      app ? app.fetch(request) : new Response("Starting", { status: 503 });
    port = await new Promise<number>((resolve, reject) => {
      const server = createPageServer(fetch, pageCache, { maxHeaderSize: MAX_HEADER_BYTES });
      server.once("error", reject);
      answerClientErrors(server, fetch, config.SITE_NAME);
      server.listen(config.PORT, config.HOST, () => {
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : config.PORT);
      });
      stops.unshift(
        () =>
          new Promise<void>((done) => {
            server.close(() => done());
          }),
      );
    });
    const origin = siteOrigin(config, port);
    if (origin.warning) log.warn(origin.warning);
    app = createApp({ ...deps, config: { ...config, SITE_URL: origin.siteUrl } });
    log.info({ url: `${listenOrigin(config.HOST, port)}/`, siteUrl: origin.siteUrl }, "site is up");
    // Article pages sanitize Markdown through jsdom, which loads lazily (over a second of CPU
    // that blocks the event loop): built at boot like any service, but a moment after the site
    // answers, so the first requests of a restart are not held behind it. An article asked for
    // sooner builds it itself.
    const warmUp = setTimeout(prepareMarkdown, MARKDOWN_WARM_UP_MS);
    warmUp.unref();
    stops.push(() => clearTimeout(warmUp));
  }
  log.info({ roles: config.ROLES, dialect: database.dialect }, "resou started");

  return {
    database,
    ...(port === undefined ? {} : { port }),
    async stop() {
      for (const stop of stops) await stop();
      unsubscribeCaches();
      await changes.stop();
      await database.destroy();
    },
  };
}
