// Child process for the migration race test: open, migrate, print how many were applied.
import { openDatabase } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";

const [url, schema] = process.argv.slice(2);
if (!url) throw new Error("usage: migrate-child <url> [schema]");
const database = await openDatabase({ url, ...(schema ? { schema } : {}) });
try {
  const report = await migrateToLatest(database);
  process.stdout.write(String(report.results.length));
} finally {
  await database.destroy();
}
