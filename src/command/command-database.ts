import { type Config, ConfigError, loadConfig } from "../config/env.js";
import { ensureCategories } from "../content/categories.js";
import { type Database, openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { type CliIo, EXIT_USAGE } from "./command.js";

/** The configuration, or a printed list of every bad setting and the usage exit code. */
export function cliConfig(io: CliIo): Config | number {
  try {
    return loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return EXIT_USAGE;
  }
}

/**
 * Opens the configured database migrated to the latest schema with the configured
 * categories, runs `work` and always closes it again.
 */
export async function withDatabase(
  config: Config,
  work: (database: Database) => Promise<number>,
): Promise<number> {
  const database = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
  try {
    await migrateToLatest(database);
    await ensureCategories(database.db, config.CATEGORIES);
    return await work(database);
  } finally {
    await database.destroy();
  }
}
