import type { AnyDb, DialectMigration } from "../migration-kit.js";
import { withId } from "../migration-kit.js";

/** Hot-search snapshots, topics, per-snapshot points, fetch log and source health. */
export const trendsMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await withId(db.schema.createTable("trend_snapshot"), dialect)
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull().defaultTo("list"))
      .addColumn("captured_at", "text", (c) => c.notNull())
      .addColumn("stored_at", "text", (c) => c.notNull())
      .addColumn("payload_hash", "text", (c) => c.notNull().unique())
      .addColumn("payload_gzip", "text", (c) => c.notNull())
      .addColumn("content_type", "text", (c) => c.notNull())
      .addColumn("ranked_count", "integer", (c) => c.notNull())
      .addColumn("pinned_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("ad_count", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex("trend_snapshot_kind_captured")
      .on("trend_snapshot")
      .columns(["kind", "captured_at"])
      .execute();

    await withId(db.schema.createTable("trend_topic"), dialect)
      .addColumn("word", "text", (c) => c.notNull())
      .addColumn("query", "text", (c) => c.notNull().unique())
      .addColumn("is_hashtag", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("category", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("title_en", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("first_seen_at", "text", (c) => c.notNull())
      .addColumn("last_seen_at", "text", (c) => c.notNull())
      .addColumn("run_started_at", "text")
      .addColumn("seconds_on_list", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("snapshot_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("peak_rank", "integer")
      .addColumn("peak_heat", "integer")
      .addColumn("last_rank", "integer")
      .addColumn("previous_rank", "integer")
      .addColumn("last_heat", "integer")
      .addColumn("last_label", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("state", "text", (c) => c.notNull().defaultTo("new"))
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("trend_topic_word").on("trend_topic").column("word").execute();
    await db.schema
      .createIndex("trend_topic_state_rank")
      .on("trend_topic")
      .columns(["state", "last_rank"])
      .execute();

    await db.schema
      .createTable("trend_point")
      .addColumn("snapshot_id", "integer", (c) =>
        c.notNull().references("trend_snapshot.id").onDelete("cascade"),
      )
      .addColumn("topic_id", "integer", (c) => c.notNull().references("trend_topic.id"))
      .addColumn("captured_at", "text", (c) => c.notNull())
      .addColumn("rank", "integer", (c) => c.notNull())
      .addColumn("heat", "integer")
      .addColumn("heat_category", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("label", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("is_commercial", "integer", (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint("trend_point_pk", ["snapshot_id", "topic_id"])
      .execute();
    await db.schema
      .createIndex("trend_point_topic_time")
      .on("trend_point")
      .columns(["topic_id", "captured_at"])
      .execute();

    await withId(db.schema.createTable("trend_fetch"), dialect)
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("started_at", "text", (c) => c.notNull())
      .addColumn("duration_ms", "integer", (c) => c.notNull())
      .addColumn("attempt", "integer", (c) => c.notNull())
      .addColumn("ok", "integer", (c) => c.notNull())
      .addColumn("http_status", "integer")
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("detail", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("snapshot_id", "integer")
      .execute();
    await db.schema
      .createIndex("trend_fetch_source_time")
      .on("trend_fetch")
      .columns(["source", "started_at"])
      .execute();

    await db.schema
      .createTable("trend_source_health")
      .addColumn("source", "text", (c) => c.primaryKey())
      .addColumn("last_success_at", "text")
      .addColumn("last_failure_at", "text")
      .addColumn("last_failure_reason", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("last_failure_detail", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("total_successes", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("total_failures", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable("trend_source_health").ifExists().execute();
    await db.schema.dropTable("trend_fetch").ifExists().execute();
    await db.schema.dropTable("trend_point").ifExists().execute();
    await db.schema.dropTable("trend_topic").ifExists().execute();
    await db.schema.dropTable("trend_snapshot").ifExists().execute();
  },
});
