import { type Kysely, sql } from "kysely";
import type { Database } from "./database.js";
import { migrationsFor } from "./migrations/index.js";

export interface MigrationReport {
  /** Migrations applied by this call, in order (empty when already up to date). */
  results: { migrationName: string; status: "Success" }[];
}

const TABLE = "resou_migration";

/**
 * Brings the schema to the latest version, all pending migrations in one transaction, and
 * safe when several processes start together: PostgreSQL takes an advisory lock for the
 * schema, SQLite takes the write lock up front (BEGIN IMMEDIATE).
 *
 * Written here rather than using Kysely's Migrator because that one inspects the tables of
 * every schema in the database, which fails when another schema is dropped at the same
 * moment (parallel test runs, tenants) and can mistake another schema's bookkeeping for ours.
 */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  const migrations = migrationsFor(database.dialect);
  const names = Object.keys(migrations).sort();
  return database.db.connection().execute(async (conn) => {
    if (database.dialect === "sqlite") await sql`begin immediate`.execute(conn);
    else await sql`begin`.execute(conn);
    try {
      if (database.dialect === "postgres") {
        await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.resou_migration'))`.execute(
          conn,
        );
      }
      await sql`create table if not exists ${sql.table(TABLE)} (name text primary key, executed_at text not null)`.execute(
        conn,
      );
      const done = new Set(
        (await sql<{ name: string }>`select name from ${sql.table(TABLE)}`.execute(conn)).rows.map(
          (r) => r.name,
        ),
      );
      const results: MigrationReport["results"] = [];
      for (const name of names) {
        if (done.has(name)) continue;
        const migration = migrations[name];
        if (!migration) continue;
        try {
          await migration.up(conn as Kysely<unknown>);
        } catch (error) {
          throw new Error(`Migration ${name} failed: ${String(error)}`, { cause: error });
        }
        await sql`insert into ${sql.table(TABLE)} (name, executed_at) values (${name}, ${new Date().toISOString()})`.execute(
          conn,
        );
        results.push({ migrationName: name, status: "Success" });
      }
      await sql`commit`.execute(conn);
      return { results };
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}
