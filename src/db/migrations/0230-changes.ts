import { sql } from "kysely";
import type { AnyDb, DialectMigration } from "../migration-kit.js";
import { withId } from "../migration-kit.js";

/**
 * The change path: every committed write that pages show (`change`, pruned to a bounded
 * window), the processes that read it (`change_reader`, with a heartbeat, so a writer knows
 * whom to wait for) and durable cursors of consumers that must see each change once
 * (`change_cursor`, e.g. the related-lists job).
 *
 * On PostgreSQL ids are made to commit in order (see `change_order`), and an insert into `change` notifies a channel named after the schema; the
 * notification is sent when the transaction commits and never for a rolled-back one, and an
 * empty payload lets PostgreSQL fold a transaction's many notices into one wake-up.
 */
export const changesMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await withId(db.schema.createTable("change"), dialect)
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("change_at").on("change").column("at").execute();

    await db.schema
      .createTable("change_reader")
      .addColumn("reader_id", "text", (c) => c.primaryKey())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("delivered_id", "integer", (c) => c.notNull())
      .addColumn("heartbeat_at", "text", (c) => c.notNull())
      .addColumn("started_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("change_cursor")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("change_id", "integer", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    if (dialect === "postgres") {
      // Readers follow ids, so ids must become visible in commit order: a transaction takes
      // this lock before its first change gets an id and holds it to commit, so no smaller id
      // can commit after a larger one was read. Writers record their change last, which keeps
      // the section under the lock short.
      await sql`
        create or replace function change_order() returns trigger language plpgsql as $$
        begin
          perform pg_advisory_xact_lock(hashtext(TG_TABLE_SCHEMA || '.change'));
          return null;
        end $$`.execute(db);
      await sql`
        create trigger change_order before insert on change
        for each statement execute function change_order()`.execute(db);
      await sql`
        create or replace function change_notify() returns trigger language plpgsql as $$
        begin
          perform pg_notify('resou_change_' || substr(md5(TG_TABLE_SCHEMA), 1, 16), '');
          return null;
        end $$`.execute(db);
      await sql`
        create trigger change_notify after insert on change
        for each statement execute function change_notify()`.execute(db);
    }
  },
  async down(db: AnyDb) {
    if (dialect === "postgres") {
      await sql`drop trigger if exists change_notify on change`.execute(db);
      await sql`drop function if exists change_notify()`.execute(db);
      await sql`drop trigger if exists change_order on change`.execute(db);
      await sql`drop function if exists change_order()`.execute(db);
    }
    await db.schema.dropTable("change_cursor").ifExists().execute();
    await db.schema.dropTable("change_reader").ifExists().execute();
    await db.schema.dropTable("change").ifExists().execute();
  },
});
