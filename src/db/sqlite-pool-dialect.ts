import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
} from "kysely";
import { unavailable } from "../core/errors.js";
import { DATABASE_BUSY_MESSAGE, isBusyError, retryWhileBusy } from "./sqlite-busy-retry.js";

/** Storage faults a reader of the log or the page can act on, instead of a raw stack. */
function storageFault(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "SQLITE_FULL")
    return Object.assign(
      unavailable(
        "The database is full (disk or size limit): nothing was saved. Free space and retry.",
      ),
      { cause: error },
    );
  if (typeof code === "string" && code.startsWith("SQLITE_READONLY"))
    return Object.assign(
      unavailable("The database is read-only (file or folder permissions): nothing was saved."),
      { cause: error },
    );
  return error;
}

export interface SqlitePoolOptions {
  file: string;
  /** Connections kept open; readers use their own so they never queue behind a writer. */
  size: number;
  /** Longest asynchronous wait for the write lock before an `unavailable` error. */
  busyWaitMs: number;
}

/**
 * Kysely's SQLite dialect over a small pool of better-sqlite3 connections that never wait
 * synchronously for a lock. Kysely's own driver shares one connection behind a mutex, so a
 * transaction waiting for another process's write lock would hold up every read; here each
 * transaction has its own connection, opens with `BEGIN IMMEDIATE` (retried asynchronously
 * while busy) and so holds the write lock from its first statement to its commit.
 */
export class SqlitePoolDialect extends SqliteDialect {
  readonly #options: SqlitePoolOptions;
  constructor(options: SqlitePoolOptions) {
    // The base class only supplies the adapter, compiler and introspector.
    super({ database: {} as never });
    this.#options = options;
  }
  override createDriver(): Driver {
    return new SqlitePoolDriver(this.#options);
  }
}

function openConnection(file: string, first: boolean): SQLite.Database {
  const connection = new SQLite(file);
  if (first) {
    // Switching to WAL may need a moment's exclusive access at the very first start; this runs
    // before any role starts, so a short synchronous wait is harmless here.
    connection.pragma("busy_timeout = 5000");
    // WAL lets readers proceed during a write.
    connection.pragma("journal_mode = WAL");
  }
  connection.pragma("busy_timeout = 0");
  connection.pragma("foreign_keys = ON");
  connection.pragma("synchronous = NORMAL");
  return connection;
}

class SqlitePoolDriver implements Driver {
  readonly #options: SqlitePoolOptions;
  readonly #all: PooledConnection[] = [];
  readonly #idle: PooledConnection[] = [];
  readonly #waiting: ((connection: PooledConnection) => void)[] = [];

  constructor(options: SqlitePoolOptions) {
    this.#options = options;
  }

  async init(): Promise<void> {
    // An in-memory database exists once per connection, so it gets exactly one.
    const size = this.#options.file === ":memory:" ? 1 : Math.max(1, this.#options.size);
    for (let i = 0; i < size; i++) {
      const connection = new PooledConnection(
        openConnection(this.#options.file, i === 0),
        this.#options.busyWaitMs,
      );
      this.#all.push(connection);
      this.#idle.push(connection);
    }
  }

  acquireConnection(): Promise<DatabaseConnection> {
    const idle = this.#idle.pop();
    if (idle) return Promise.resolve(idle);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const pooled = connection as PooledConnection;
    // A caller that left a raw transaction open must not hand the write lock to the next user.
    if (pooled.sqlite.inTransaction) pooled.sqlite.exec("rollback");
    const next = this.#waiting.shift();
    if (next) next(pooled);
    else this.#idle.push(pooled);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async savepoint(connection: DatabaseConnection, name: string, _: QueryCompiler["compileQuery"]) {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    _: QueryCompiler["compileQuery"],
  ) {
    await connection.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    _: QueryCompiler["compileQuery"],
  ) {
    await connection.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }

  async destroy(): Promise<void> {
    for (const connection of this.#all) connection.sqlite.close();
    this.#all.length = 0;
    this.#idle.length = 0;
  }
}

/** Prepared statements kept per connection; the app has a few hundred distinct queries. */
const STATEMENT_CACHE_SIZE = 500;

class PooledConnection implements DatabaseConnection {
  /**
   * Compiling a statement costs more than running a typical indexed read, and Kysely sends
   * the same SQL text for every call of a query, so each connection keeps what it compiled.
   * Safe to share: `all` and `run` finish synchronously (streams prepare their own), and
   * SQLite recompiles a kept statement by itself after a schema change.
   */
  readonly #statements = new Map<string, SQLite.Statement>();

  constructor(
    readonly sqlite: SQLite.Database,
    private readonly busyWaitMs: number,
  ) {}

  #prepare(sql: string): SQLite.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      // Oldest first out: one-off texts (a raw `in (…)` list of varying length) pass through.
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        this.#statements.delete(this.#statements.keys().next().value ?? "");
      }
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiled;
    const run = (): QueryResult<R> => {
      const statement = this.#prepare(sql);
      if (statement.reader) return { rows: statement.all(parameters) as R[] };
      const { changes, lastInsertRowid } = statement.run(parameters);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    };
    if (this.sqlite.inTransaction) {
      // Inside a transaction a busy answer cannot be retried statement by statement (the
      // transaction's earlier work would be lost or its snapshot stale); our transactions
      // hold the write lock from BEGIN IMMEDIATE on, so this only meets raw deferred ones.
      try {
        return Promise.resolve(run());
      } catch (error) {
        if (isBusyError(error)) return Promise.reject(unavailable(DATABASE_BUSY_MESSAGE));
        return Promise.reject(storageFault(error));
      }
    }
    // Outside a transaction a statement that fails busy had no effect: wait and run it again.
    return retryWhileBusy(run, { budgetMs: this.busyWaitMs }).catch((error: unknown) => {
      throw storageFault(error);
    });
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error("SQLite streams select queries only");
    const statement = this.sqlite.prepare(compiled.sql);
    for (const row of statement.iterate(compiled.parameters)) yield { rows: [row as R] };
  }
}
