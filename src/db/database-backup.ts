import { execFile } from "node:child_process";
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync } from "node:fs";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import pg from "pg";
import { badRequest, conflict, validationFailed } from "../core/errors.js";

const run = promisify(execFile);

/** Where the data lives, as the configuration names it. */
export interface BackupTarget {
  url: string;
  /** PostgreSQL schema; ignored on SQLite. */
  schema: string;
}

/**
 * A consistent copy of the whole database while the server keeps running. SQLite uses the
 * online backup API (pages copied under a read snapshot, restarted if a writer changes them);
 * PostgreSQL uses pg_dump, which reads everything in one repeatable-read transaction. The
 * copy is written beside `file` and renamed into place, so a failed run leaves no half file.
 */
export async function backupDatabase(target: BackupTarget, file: string): Promise<void> {
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    if (target.url.startsWith("sqlite:")) await backupSqlite(sqlitePath(target.url), partial);
    else await backupPostgres(target, partial);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Brings a backup back into the configured database. A target that already holds tables is
 * refused unless `force`: a restore replaces everything, and doing that by accident to a
 * live newsroom is the one mistake a backup tool must not make easy.
 */
export async function restoreDatabase(
  target: BackupTarget,
  file: string,
  force: boolean,
): Promise<void> {
  if (!existsSync(file)) throw badRequest(`No backup at ${file}`);
  if (target.url.startsWith("sqlite:")) await restoreSqlite(file, sqlitePath(target.url), force);
  else await restorePostgres(target, file, force);
}

function sqlitePath(url: string): string {
  return url.slice("sqlite:".length);
}

async function backupSqlite(database: string, file: string): Promise<void> {
  if (!existsSync(database)) throw badRequest(`No SQLite database at ${database}`);
  const source = new SQLite(database, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    // After the first step, every step copies the whole file: a writer committing between
    // small steps restarts the backup, which under steady writes would never finish.
    await source.backup(file, { progress: ({ totalPages }) => totalPages });
  } finally {
    source.close();
  }
  assertSqliteBackup(file);
}

/** The file is an intact SQLite database holding Resou's migrations table. */
function assertSqliteBackup(file: string): void {
  const header = Buffer.alloc(16);
  const fd = openSync(file, "r");
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString("latin1") !== "SQLite format 3\u0000") {
    throw validationFailed(`${file} is not a SQLite backup (wrong file header)`, []);
  }
  const copy = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma("quick_check", { simple: true });
    if (check !== "ok") throw validationFailed(`${file} is damaged: ${String(check)}`, []);
    const tables = copy
      .prepare(
        "select count(*) as n from sqlite_master where type = 'table' and name = 'resou_migration'",
      )
      .get() as { n: number };
    if (tables.n === 0)
      throw validationFailed(`${file} is not a Resou database (no migrations table)`, []);
  } finally {
    copy.close();
  }
}

async function restoreSqlite(file: string, database: string, force: boolean): Promise<void> {
  assertSqliteBackup(file);
  if (existsSync(database) && !force) {
    const current = new SQLite(database, { readonly: true, fileMustExist: true });
    try {
      const row = current
        .prepare(
          "select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'",
        )
        .get() as { n: number };
      if (row.n > 0) throw refusal(database);
    } finally {
      current.close();
    }
  }
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    // The backup API writes the pages through a real connection to the target, so the
    // target's own WAL and locks are honoured; a running server sees the old or the new data.
    await source.backup(database);
  } finally {
    source.close();
  }
}

function refusal(where: string) {
  return conflict(
    `Refusing to restore over ${where}: it already holds data. Stop the server and pass --force to replace everything in it.`,
  );
}

async function tool(name: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(name, args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === "ENOENT") {
      throw badRequest(
        `${name} is not installed; install the PostgreSQL client (apt-get install postgresql-client)`,
      );
    }
    const reason = (failure.stderr ?? failure.message).trim().split("\n")[0] ?? "";
    throw validationFailed(`${name} failed: ${reason}`, []);
  }
}

async function backupPostgres(target: BackupTarget, file: string): Promise<void> {
  await tool("pg_dump", [
    "--format=custom",
    `--schema=${target.schema}`,
    "--no-owner",
    "--no-privileges",
    `--file=${file}`,
    `--dbname=${target.url}`,
  ]);
}

async function restorePostgres(target: BackupTarget, file: string, force: boolean): Promise<void> {
  const listing = await tool("pg_restore", ["--list", file]);
  const schemas = new Set(
    [...listing.matchAll(/^\d+; \d+ \d+ TABLE (\S+) /gm)].map((m) => m[1] ?? ""),
  );
  if (!schemas.has(target.schema)) {
    throw validationFailed(
      `${file} holds schema ${[...schemas].join(", ") || "(none)"}, not DATABASE_SCHEMA ${target.schema}`,
      [],
    );
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "select count(*)::int as n from information_schema.tables where table_schema = $1",
      [target.schema],
    );
    if ((rows[0]?.n ?? 0) > 0 && !force) throw refusal(`schema ${target.schema}`);
    await client.query(`drop schema if exists "${target.schema}" cascade`);
    // A dump of `public` may carry no CREATE SCHEMA entry; every other schema's does.
    if (!new RegExp(`^\\d+; \\d+ \\d+ SCHEMA - ${target.schema} `, "m").test(listing)) {
      await client.query(`create schema "${target.schema}"`);
    }
  } finally {
    await client.end();
  }
  await tool("pg_restore", [
    "--no-owner",
    "--no-privileges",
    "--exit-on-error",
    "--single-transaction",
    `--dbname=${target.url}`,
    file,
  ]);
}
