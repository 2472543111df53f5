import { type MigrationResultSet, Migrator, sql } from "kysely";
import type { Database } from "./database.js";
import { migrationsFor } from "./migrations/index.js";

/**
 * Brings the schema to the latest version. Kysely's migrator takes a lock in the database,
 * so several processes starting together on PostgreSQL run each migration once.
 */
export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrationsFor(database.dialect) },
    // Kysely looks for its bookkeeping tables in every schema unless told which one; on a
    // PostgreSQL shared by several schemas (tests, staging) it would find another schema's
    // table and skip creating its own. Pin it to the connection's schema.
    ...(database.dialect === "postgres"
      ? { migrationTableSchema: await currentSchema(database) }
      : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}

async function currentSchema(database: Database): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
    database.db,
  );
  const schema = rows[0]?.schema;
  if (!schema) throw new Error("PostgreSQL reports no current schema; check search_path");
  return schema;
}
