import { EXIT_OK, type LeafCommand } from "../command/command.js";
import { cliConfig } from "../command/command-database.js";
import { ensureCategories } from "../content/categories.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";

/** `resou migrate`: brings the configured database to the latest schema and says what ran. */
export const migrateCommand: LeafCommand = {
  name: "migrate",
  summary: "Create or upgrade the database schema and categories (also done at every start)",
  async run(_args, io) {
    const config = cliConfig(io);
    if (typeof config === "number") return config;
    const database = await openDatabase({
      url: config.DATABASE_URL,
      schema: config.DATABASE_SCHEMA,
    });
    try {
      const result = await migrateToLatest(database);
      for (const step of result.results ?? []) io.out(`migrated  ${step.migrationName}`);
      await ensureCategories(database.db, config.CATEGORIES);
      const applied = result.results?.length ?? 0;
      io.out(
        applied === 0
          ? `The ${database.dialect} database is already at the latest schema.`
          : `Applied ${applied} migration(s) to the ${database.dialect} database.`,
      );
      return EXIT_OK;
    } finally {
      await database.destroy();
    }
  },
};
