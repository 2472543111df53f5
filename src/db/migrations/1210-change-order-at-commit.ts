import { sql } from "kysely";
import type { AnyDb, DialectMigration } from "../migration-kit.js";

/**
 * PostgreSQL: change ids follow commit order without a lock held across a writer's row
 * writes. Migration 0230 took the ordering lock when a transaction inserted its first change
 * and held it to commit, so a writer that wrote more rows after recording a change (an import
 * of several articles, one change each) could wait for a row lock while holding the ordering
 * lock that the row's owner was waiting for: a deadlock between two writers of the same rows.
 *
 * Now the lock is taken at commit, by a deferred trigger that then gives each of the
 * transaction's change rows a fresh id. Under the lock a transaction writes only its own
 * change rows, so no lock cycle can form, and ids still become visible in commit order (no
 * smaller id commits after a larger one was read). The id `recordChange` returns is thus
 * provisional; writers settle through the newest id after their commit (see
 * `ChangeFeed.settle`). SQLite has one writer at a time: its ids are in commit order already.
 */
export const changeOrderAtCommitMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    if (dialect !== "postgres") return;
    await sql`drop trigger if exists change_order on change`.execute(db);
    await sql`drop function if exists change_order()`.execute(db);
    await sql`
      create or replace function change_order_at_commit() returns trigger language plpgsql as $$
      begin
        perform pg_advisory_xact_lock(hashtext(TG_TABLE_SCHEMA || '.change'));
        execute format('update %I.change set id = default where id = $1', TG_TABLE_SCHEMA)
          using new.id;
        return null;
      end $$`.execute(db);
    await sql`
      create constraint trigger change_order_at_commit after insert on change
      deferrable initially deferred
      for each row execute function change_order_at_commit()`.execute(db);
  },
  async down(db: AnyDb) {
    if (dialect !== "postgres") return;
    await sql`drop trigger if exists change_order_at_commit on change`.execute(db);
    await sql`drop function if exists change_order_at_commit()`.execute(db);
    await sql`
      create or replace function change_order() returns trigger language plpgsql as $$
      begin
        perform pg_advisory_xact_lock(hashtext(TG_TABLE_SCHEMA || '.change'));
        return null;
      end $$`.execute(db);
    await sql`
      create trigger change_order before insert on change
      for each statement execute function change_order()`.execute(db);
  },
});
