import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { ConfigError, loadConfig } from "../src/config/env.js";
import { createLogger } from "../src/core/log.js";
import { openDatabase } from "../src/db/database.js";
import { prepareDatabase, type Running, startResou } from "../src/runtime/start.js";

/**
 * `npm run start:cluster -- [--web N]`: N web processes sharing one port through
 * node:cluster, plus one worker and one scheduler process, all on the configured database
 * (PostgreSQL for real use: every process gets invalidations through LISTEN/NOTIFY).
 * SIGTERM or SIGINT stops every process cleanly; a process that dies is started again.
 */
type Kind = "web" | "worker" | "scheduler";

/** Longest the primary waits for every child to stop before killing what is left. */
const STOP_TIMEOUT_MS = 15_000;

function webCount(argv: string[]): number {
  const at = argv.indexOf("--web");
  const n = at >= 0 ? Number(argv[at + 1]) : Math.max(1, availableParallelism() - 1);
  if (!Number.isInteger(n) || n < 1) throw new Error("--web takes a whole number ≥ 1");
  return n;
}

async function primary() {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, "resou-cluster");
  const kinds: Kind[] = [
    ...Array.from({ length: webCount(process.argv) }, () => "web" as const),
    "worker",
    "scheduler",
  ];
  let stopping = false;
  // Our own list: `cluster.workers` drops a child only once it has both exited and
  // disconnected, so counting it on `exit` can wait for ever for the last one.
  const children = new Set<Worker>();
  let failures = 0;
  const fork = (kind: Kind) => {
    if (stopping) return;
    const child = cluster.fork({ ROLES: kind, RESOU_CLUSTER_KIND: kind });
    children.add(child);
    child.on("exit", (code, signal) => {
      children.delete(child);
      if (stopping) {
        if (code !== 0) {
          failures += 1;
          log.warn({ kind, code, signal }, "process did not stop cleanly");
        }
        if (children.size === 0) finish();
        return;
      }
      log.warn({ kind, code, signal }, "process died; starting another");
      setTimeout(() => fork(kind), 1_000);
    });
  };
  let deadline: NodeJS.Timeout | undefined;
  const finish = () => {
    if (deadline) clearTimeout(deadline);
    log.info({ failures }, "every process stopped");
    process.exit(failures === 0 ? 0 : 1);
  };
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping every process");
    if (children.size === 0) return finish();
    for (const child of children) child.process.kill("SIGTERM");
    deadline = setTimeout(() => {
      log.error({ left: children.size }, "processes did not stop in time; killing them");
      for (const child of children) child.process.kill("SIGKILL");
      process.exit(1);
    }, STOP_TIMEOUT_MS);
  };
  // Registered first: a signal during preparation stops the cluster before any fork.
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  // Schema, categories and demo content once, before any process starts.
  const database = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
  try {
    await prepareDatabase(database, config, log);
  } finally {
    await database.destroy();
  }
  if (stopping) return finish();
  for (const kind of kinds) fork(kind);
  log.info({ web: kinds.length - 2, port: config.PORT }, "cluster started");
}

async function child() {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL).child({ kind: process.env.RESOU_CLUSTER_KIND });
  let running: Running | undefined;
  let stopRequested = false;
  const stop = () => {
    if (!running) return;
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "could not stop cleanly");
        process.exit(1);
      },
    );
  };
  // Listening before start-up: a SIGTERM that lands while this process is still starting
  // waits for it to finish starting and then stops it, so its reader row and port go too.
  process.once("SIGTERM", () => {
    stopRequested = true;
    stop();
  });
  // Ctrl-C reaches every process of the group; the primary decides when all stop.
  process.on("SIGINT", () => undefined);
  running = await startResou(config, log);
  if (stopRequested) stop();
}

(cluster.isPrimary ? primary() : child()).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`resou cluster failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
