import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import {
  listenForNotifications,
  type NotificationHandlers,
  type NotificationListener,
} from "./notification-listener.js";
import type { Tables } from "./schema.js";
import { SqlitePoolDialect } from "./sqlite-pool-dialect.js";

export type DialectName = "sqlite" | "postgres";

export interface Database {
  db: Kysely<Tables>;
  dialect: DialectName;
  /** PostgreSQL schema holding our tables; undefined on SQLite. */
  schema?: string;
  /**
   * PostgreSQL only: a dedicated connection listening on `channel` (reconnecting on its own).
   * SQLite has no notifications; its readers poll.
   */
  listen?(channel: string, handlers: NotificationHandlers): Promise<NotificationListener>;
  /** Closes every connection. */
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  /** PostgreSQL schema (created when missing); ignored on SQLite. */
  schema?: string;
  /**
   * SQLite: longest asynchronous wait for another connection's write lock before a query
   * fails with an `unavailable` AppError (503). Default 10 s.
   */
  busyWaitMs?: number;
}

const SQLITE_POOL_SIZE = 4;
const DEFAULT_BUSY_WAIT_MS = 10_000;

// Postgres returns bigint (count(*), sums) as strings; our counts fit in a double, and one
// numeric representation on both dialects keeps repositories free of per-dialect decoding.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Opens the configured database. Only this folder imports a driver. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url.startsWith("sqlite:"))
    return openSqlite(
      options.url.slice("sqlite:".length),
      options.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS,
    );
  return openPostgres(options.url, options.schema ?? "public");
}

async function openSqlite(file: string, busyWaitMs: number): Promise<Database> {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Kysely<Tables>({
    dialect: new SqlitePoolDialect({ file, size: SQLITE_POOL_SIZE, busyWaitMs }),
  });
  // Opens the pool now, so a bad path or a corrupt file fails here rather than mid-request.
  await sql`select 1`.execute(db);
  return { db, dialect: "sqlite", destroy: () => db.destroy() };
}

async function openPostgres(url: string, schema: string): Promise<Database> {
  const bootstrap = new pg.Client({ connectionString: url });
  await bootstrap.connect();
  try {
    await bootstrap.query(`create schema if not exists "${schema}"`);
  } catch (error) {
    // Two processes creating the same schema at once: the loser sees a unique violation.
    if ((error as { code?: string }).code !== "23505") throw error;
  } finally {
    await bootstrap.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: `-c search_path="${schema}"`,
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db);
  return {
    db,
    dialect: "postgres",
    schema,
    listen: (channel, handlers) => listenForNotifications(url, channel, handlers),
    destroy: () => db.destroy(),
  };
}
