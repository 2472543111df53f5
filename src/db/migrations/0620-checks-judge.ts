import { type AnyDb, type DialectMigration, withId } from "../migration-kit.js";

/**
 * The LLM judge's run on one revision: citation recall and precision, counts, the model
 * that judged, or why it could not. One row per article and revision, so a rerun of the
 * job finds it and writes nothing.
 */
export const checksJudgeMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    const fraction = dialect === "postgres" ? "double precision" : "real";
    await withId(db.schema.createTable("check_judge_run"), dialect)
      .addColumn("article_id", "integer", (c) => c.notNull())
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("provider", "text", (c) => c.notNull())
      .addColumn("model", "text", (c) => c.notNull())
      .addColumn("citation_recall", fraction)
      .addColumn("citation_precision", fraction)
      .addColumn("sentences", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("supported", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("partial", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("unsupported", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("citations", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("precise_citations", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("calls", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("prompt_tokens", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("completion_tokens", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("reason", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("check_judge_run_revision", ["article_id", "revision"])
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable("check_judge_run").ifExists().execute();
  },
});
