import { z } from "zod";
import { listFlags, overrideFlag } from "../../checks/flag-store.js";
import { conflict, notFound, validationFailed } from "../../core/errors.js";
import { recordAudit } from "../audit-log.js";
import type { CommandContext } from "./command-context.js";

const reason = z
  .string()
  .trim()
  .min(10, "give a reason of at least 10 characters")
  .max(500, "must be at most 500 characters");

/**
 * Overrides one open flag of the story's newest revision with the editor's reason, audited
 * in the same transaction. A flag of an older revision cannot be overridden: the newest
 * revision is what would be published.
 */
export async function overrideCheckFlag(
  ctx: CommandContext,
  articleId: number,
  flagId: number,
  text: string,
): Promise<void> {
  const parsed = reason.safeParse(text);
  if (!parsed.success) {
    throw validationFailed("The override needs a reason", [
      { field: "reason", message: parsed.error.issues[0]?.message ?? "invalid" },
    ]);
  }
  const now = ctx.deps.clock.now();
  await ctx.deps.database.db.transaction().execute(async (trx) => {
    const current = await listFlags(trx, articleId);
    const target = current.find((f) => f.id === flagId);
    if (!target) throw notFound("That flag on the newest revision");
    const done = await overrideFlag(
      trx,
      flagId,
      parsed.data,
      { id: ctx.audit.actorId, label: ctx.audit.actorLabel },
      now,
    );
    if (!done) throw conflict("That flag is no longer open");
    await recordAudit(
      trx,
      ctx.audit,
      {
        action: "check.override",
        targetType: "article",
        targetId: articleId,
        detail: {
          flagId,
          revision: target.revision,
          kind: target.kind,
          severity: target.severity,
          reason: parsed.data,
        },
      },
      now,
    );
  });
}
