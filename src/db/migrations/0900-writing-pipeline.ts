import type { AnyDb, DialectMigration } from "../migration-kit.js";
import { withId } from "../migration-kit.js";

/**
 * The drafting pipeline's bookkeeping: one `story_pipeline` row per story (where it stands,
 * why it stopped, what it cost) and one `story_stage` row per stage run, keeping each
 * stage's input and output so an editor can see why a sentence says what it says.
 */
export const writingPipelineMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    const money = dialect === "postgres" ? "double precision" : "real";
    await db.schema
      .createTable("story_pipeline")
      .addColumn("article_id", "integer", (c) =>
        c.primaryKey().references("article.id").onDelete("cascade"),
      )
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("stage", "text", (c) => c.notNull())
      .addColumn("mode", "text")
      .addColumn("reason", "text")
      .addColumn("provider", "text")
      .addColumn("model", "text")
      .addColumn("llm_calls", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("prompt_tokens", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("completion_tokens", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("cost_usd", money, (c) => c.notNull().defaultTo(0))
      .addColumn("draft_revision", "integer")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable("story_stage"), dialect)
      .addColumn("article_id", "integer", (c) =>
        c.notNull().references("article.id").onDelete("cascade"),
      )
      .addColumn("stage", "text", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("template", "text")
      .addColumn("input", "text", (c) => c.notNull())
      .addColumn("output", "text")
      .addColumn("error", "text")
      .addColumn("provider", "text")
      .addColumn("model", "text")
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("prompt_tokens", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("completion_tokens", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("cost_usd", money, (c) => c.notNull().defaultTo(0))
      .addColumn("elapsed_ms", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("started_at", "text", (c) => c.notNull())
      .addColumn("finished_at", "text")
      .execute();
    await db.schema
      .createIndex("story_stage_article")
      .on("story_stage")
      .columns(["article_id", "stage", "state"])
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable("story_stage").ifExists().execute();
    await db.schema.dropTable("story_pipeline").ifExists().execute();
  },
});
