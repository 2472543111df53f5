import type { AnyDb, DialectMigration } from "../migration-kit.js";
import { withId } from "../migration-kit.js";

/**
 * The daily digest: issues (one per edition and day, holding only what an editor adds: the
 * note and the sending state; the trend numbers are read from the snapshots each time),
 * subscribers, one delivery row per subscriber × issue (the exactly-once claim), suppressed
 * address hashes, sign-up throttling and the key that signs unsubscribe links.
 */
export const digestMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await withId(db.schema.createTable("digest_issue"), dialect)
      .addColumn("edition", "text", (c) => c.notNull())
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
      .addColumn("published_at", "text")
      .addColumn("send_requested_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addUniqueConstraint("digest_issue_edition_day", ["edition", "day"])
      .execute();
    await db.schema
      .createIndex("digest_issue_published")
      .on("digest_issue")
      .columns(["published_at"])
      .execute();
    await withId(db.schema.createTable("digest_subscriber"), dialect)
      .addColumn("email", "text", (c) => c.notNull().unique())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("frequency", "text", (c) => c.notNull().defaultTo("daily"))
      .addColumn("categories", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("confirm_token_hash", "text")
      .addColumn("confirm_expires_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("confirmed_at", "text")
      .addColumn("unsubscribed_at", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("digest_subscriber_confirm")
      .on("digest_subscriber")
      .columns(["confirm_token_hash"])
      .execute();
    await withId(db.schema.createTable("digest_delivery"), dialect)
      .addColumn("issue_id", "integer", (c) => c.notNull())
      .addColumn("subscriber_id", "integer", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("claimed_by", "text", (c) => c.notNull())
      .addColumn("claimed_at", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("next_attempt_at", "text")
      .addColumn("sent_at", "text")
      .addColumn("message_id", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("last_error", "text", (c) => c.notNull().defaultTo(""))
      .addUniqueConstraint("digest_delivery_once", ["issue_id", "subscriber_id"])
      .execute();
    await db.schema
      .createTable("digest_suppression")
      .addColumn("email_hash", "text", (c) => c.primaryKey())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("digest_throttle")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("window_start", "text", (c) => c.notNull())
      .addColumn("count", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("digest_secret")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .execute();
  },
  async down(db: AnyDb) {
    for (const table of [
      "digest_secret",
      "digest_throttle",
      "digest_suppression",
      "digest_delivery",
      "digest_subscriber",
      "digest_issue",
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
});
