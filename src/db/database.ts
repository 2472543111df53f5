import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import type { Tables } from "./schema.js";

export type DialectName = "sqlite" | "postgres";

export interface Database {
  db: Kysely<Tables>;
  dialect: DialectName;
  /** PostgreSQL schema holding our tables; undefined on SQLite. */
  schema?: string;
  /** Closes every connection. */
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  /** PostgreSQL schema (created when missing); ignored on SQLite. */
  schema?: string;
}

// Postgres returns bigint (count(*), sums) as strings; our counts fit in a double, and one
// numeric representation on both dialects keeps repositories free of per-dialect decoding.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Opens the configured database. Only this folder imports a driver. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url.startsWith("sqlite:")) return openSqlite(options.url.slice("sqlite:".length));
  return openPostgres(options.url, options.schema ?? "public");
}

function openSqlite(file: string): Database {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const connection = new SQLite(file);
  // WAL lets readers proceed during a write; busy_timeout makes a second process wait for the
  // writer instead of failing with SQLITE_BUSY.
  connection.pragma("journal_mode = WAL");
  connection.pragma("busy_timeout = 5000");
  connection.pragma("foreign_keys = ON");
  connection.pragma("synchronous = NORMAL");
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: connection }) });
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
  return { db, dialect: "postgres", schema, destroy: () => db.destroy() };
}
