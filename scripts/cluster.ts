import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import { ConfigError, loadConfig } from "../src/config/env.js";
import { createLogger } from "../src/core/log.js";
import { openDatabase } from "../src/db/database.js";
import { prepareDatabase, startResou } from "../src/runtime/start.js";

/**
 * `npm run start:cluster -- [--web N]`: N web processes sharing one port through
 * node:cluster, plus one worker and one scheduler process, all on the configured database
 * (PostgreSQL for real use: every process gets invalidations through LISTEN/NOTIFY).
 * SIGTERM or SIGINT stops every process cleanly; a process that dies is started again.
 */
type Kind = "web" | "worker" | "scheduler";

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
  const fork = (kind: Kind) => {
    const child = cluster.fork({ ROLES: kind, RESOU_CLUSTER_KIND: kind });
    child.on("exit", (code, signal) => {
      if (stopping) return;
      log.warn({ kind, code, signal }, "process died; starting another");
      setTimeout(() => fork(kind), 1_000);
    });
  };
  // Schema, categories and demo content once, before any process starts.
  const database = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
  try {
    await prepareDatabase(database, config, log);
  } finally {
    await database.destroy();
  }
  for (const kind of kinds) fork(kind);
  log.info({ web: kinds.length - 2, port: config.PORT }, "cluster started");
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping every process");
    for (const child of Object.values(cluster.workers ?? {})) child?.process.kill("SIGTERM");
    const deadline = setTimeout(() => process.exit(1), 15_000);
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        clearTimeout(deadline);
        process.exit(0);
      }
    });
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

async function child() {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL).child({ kind: process.env.RESOU_CLUSTER_KIND });
  const running = await startResou(config, log);
  const stop = () => {
    void running.stop().then(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  // Ctrl-C reaches every process of the group; the primary decides when all stop.
  process.on("SIGINT", () => undefined);
}

(cluster.isPrimary ? primary() : child()).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`resou cluster failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
