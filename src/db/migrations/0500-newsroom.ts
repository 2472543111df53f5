import { sql } from "kysely";
import type { AnyDb, DialectMigration } from "../migration-kit.js";
import { withId } from "../migration-kit.js";

/**
 * The editors' newsroom: accounts, sessions, login throttling, API tokens, the append-only
 * audit log, story bookkeeping beside each article, revisions and dismissed topics.
 */
export const newsroomMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await withId(db.schema.createTable("newsroom_user"), dialect)
      .addColumn("email", "text", (c) => c.notNull().unique())
      .addColumn("display_name", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("newsroom_session")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "integer", (c) =>
        c.notNull().references("newsroom_user.id").onDelete("cascade"),
      )
      .addColumn("csrf_token", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("last_seen_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("ip", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("user_agent", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await db.schema
      .createIndex("newsroom_session_user")
      .on("newsroom_session")
      .column("user_id")
      .execute();

    await db.schema
      .createTable("login_throttle")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_failure_at", "text", (c) => c.notNull())
      .addColumn("locked_until", "text")
      .execute();

    await withId(db.schema.createTable("api_token"), dialect)
      .addColumn("user_id", "integer", (c) =>
        c.notNull().references("newsroom_user.id").onDelete("cascade"),
      )
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("last_used_at", "text")
      .addColumn("revoked_at", "text")
      .execute();

    await withId(db.schema.createTable("audit_event"), dialect)
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("actor_id", "integer")
      .addColumn("actor_label", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target_type", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("target_id", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("detail", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("ip", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("user_agent", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await db.schema.createIndex("audit_event_at").on("audit_event").column("at").execute();
    await appendOnly(db, dialect === "sqlite");

    await db.schema
      .createTable("newsroom_story")
      .addColumn("article_id", "integer", (c) =>
        c.primaryKey().references("article.id").onDelete("cascade"),
      )
      .addColumn("owner_id", "integer", (c) => c.references("newsroom_user.id"))
      .addColumn("assignee_id", "integer", (c) => c.references("newsroom_user.id"))
      .addColumn("topic_id", "integer")
      .addColumn("revision", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("sources", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("newsroom_story_topic")
      .on("newsroom_story")
      .column("topic_id")
      .execute();

    await withId(db.schema.createTable("article_revision"), dialect)
      .addColumn("article_id", "integer", (c) =>
        c.notNull().references("article.id").onDelete("cascade"),
      )
      .addColumn("number", "integer", (c) => c.notNull())
      .addColumn("author_id", "integer")
      .addColumn("author_label", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("content", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("article_revision_number", ["article_id", "number"])
      .execute();

    await db.schema
      .createTable("topic_dismissal")
      .addColumn("topic_id", "integer", (c) => c.primaryKey())
      .addColumn("dismissed_by", "integer")
      .addColumn("dismissed_at", "text", (c) => c.notNull())
      .execute();
  },
  async down(db: AnyDb) {
    for (const table of [
      "topic_dismissal",
      "article_revision",
      "newsroom_story",
      "audit_event",
      "api_token",
      "login_throttle",
      "newsroom_session",
      "newsroom_user",
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
    if (dialect === "postgres") {
      await sql`drop function if exists audit_event_append_only()`.execute(db);
    }
  },
});

/** The database itself refuses to change or delete an audit event, whatever the code does. */
async function appendOnly(db: AnyDb, sqlite: boolean) {
  if (sqlite) {
    await sql`create trigger audit_event_no_update before update on audit_event
      begin select raise(abort, 'audit_event is append-only'); end`.execute(db);
    await sql`create trigger audit_event_no_delete before delete on audit_event
      begin select raise(abort, 'audit_event is append-only'); end`.execute(db);
    return;
  }
  await sql`create or replace function audit_event_append_only() returns trigger
    language plpgsql as $$ begin raise exception 'audit_event is append-only'; end $$`.execute(db);
  await sql`create trigger audit_event_no_change before update or delete on audit_event
    for each row execute function audit_event_append_only()`.execute(db);
}
