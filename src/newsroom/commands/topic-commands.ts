import { notFound } from "../../core/errors.js";
import { recordAudit } from "../audit-log.js";
import type { CommandContext } from "./command-context.js";

/** Hides a trending topic from the queue for everyone; dismissing twice is harmless. */
export async function dismissTopic(ctx: CommandContext, topicId: number): Promise<void> {
  const now = ctx.deps.clock.now();
  await ctx.deps.database.db.transaction().execute(async (trx) => {
    const topic = await trx
      .selectFrom("trend_topic")
      .select(["id", "word"])
      .where("id", "=", topicId)
      .executeTakeFirst();
    if (!topic) throw notFound("The topic");
    const result = await trx
      .insertInto("topic_dismissal")
      .values({
        topic_id: topicId,
        dismissed_by: ctx.audit.actorId,
        dismissed_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column("topic_id").doNothing())
      .returning("topic_id")
      .executeTakeFirst();
    if (!result) return;
    await recordAudit(
      trx,
      ctx.audit,
      {
        action: "topic.dismiss",
        targetType: "topic",
        targetId: topicId,
        detail: { word: topic.word },
      },
      now,
    );
  });
}
