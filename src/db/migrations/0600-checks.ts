import { type AnyDb, type DialectMigration, withId } from "../migration-kit.js";
import { SEED_ALIASES, SEED_OFFICE_HOLDERS, SEED_OUTLETS } from "./0600-checks-seed.js";

/**
 * Claim checks: editor-kept reference data (seeded once from public records) and the flags
 * raised on each saved revision.
 */
export const checksMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await withId(db.schema.createTable("office_holder"), dialect)
      .addColumn("person", "text", (c) => c.notNull())
      .addColumn("office", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("since", "text", (c) => c.notNull())
      .addColumn("until", "text")
      .addColumn("source_note", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await withId(db.schema.createTable("name_alias"), dialect)
      .addColumn("canonical", "text", (c) => c.notNull())
      .addColumn("alias", "text", (c) => c.notNull())
      .addColumn("language", "text", (c) => c.notNull())
      .addUniqueConstraint("name_alias_pair", ["canonical", "alias"])
      .execute();
    await withId(db.schema.createTable("news_outlet"), dialect)
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("domain", "text", (c) => c.notNull())
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("country", "text", (c) => c.notNull())
      .execute();
    await withId(db.schema.createTable("check_flag"), dialect)
      .addColumn("article_id", "integer", (c) => c.notNull())
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("sentence_index", "integer", (c) => c.notNull())
      .addColumn("sentence", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("fingerprint", "text", (c) => c.notNull())
      .addColumn("message", "text", (c) => c.notNull())
      .addColumn("evidence", "text", (c) => c.notNull())
      .addColumn("severity", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("resolution_reason", "text")
      .addColumn("resolver_id", "integer")
      .addColumn("resolver_label", "text")
      .addColumn("resolved_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("check_flag_article")
      .on("check_flag")
      .columns(["article_id", "revision"])
      .execute();
    await db
      .insertInto("office_holder" as never)
      .values(
        SEED_OFFICE_HOLDERS.map((h) => ({
          person: h.person,
          office: h.office,
          body: h.body,
          since: h.since,
          until: h.until,
          source_note: h.sourceNote,
        })) as never,
      )
      .execute();
    await db
      .insertInto("name_alias" as never)
      .values(
        SEED_ALIASES.map((a) => ({
          canonical: a.canonical,
          alias: a.alias,
          language: a.language,
        })) as never,
      )
      .execute();
    await db
      .insertInto("news_outlet" as never)
      .values(
        SEED_OUTLETS.map((o) => ({
          name: o.name,
          domain: o.domain,
          language: o.language,
          country: o.country,
        })) as never,
      )
      .execute();
  },
  async down(db: AnyDb) {
    for (const table of ["check_flag", "news_outlet", "name_alias", "office_holder"]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
});
