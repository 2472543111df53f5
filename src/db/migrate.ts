import { type MigrationResultSet, Migrator } from "kysely";
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
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
