import type { AnyDb, DialectMigration } from "../migration-kit.js";
import { withId } from "../migration-kit.js";

/** Durable job queue and named leases, shared by every process on one database. */
export const jobsMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await withId(db.schema.createTable("job"), dialect)
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("status", "text", (c) => c.notNull().defaultTo("queued"))
      .addColumn("unique_key", "text")
      .addColumn("run_at", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(5))
      .addColumn("last_error", "text")
      .addColumn("locked_by", "text")
      .addColumn("locked_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("finished_at", "text")
      .execute();
    await db.schema.createIndex("job_claim").on("job").columns(["status", "run_at"]).execute();
    await db.schema.createIndex("job_unique_key").on("job").column("unique_key").execute();

    await db.schema
      .createTable("lease")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("holder", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable("lease").ifExists().execute();
    await db.schema.dropTable("job").ifExists().execute();
  },
});
