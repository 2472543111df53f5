import type { SaveResult } from "../../content/article-store.js";
import { saveOne } from "../../content/article-store.js";
import type { SaveBrief } from "../../trends/trend-brief.js";
import { type AuditContext, recordAudit, systemContext } from "../audit-log.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { saveContext } from "./command-context.js";

/** Who the audit log names for briefs the hot-search tracker writes on its own. */
export const TREND_DESK_ACTOR: AuditContext = { ...systemContext, actorLabel: "trend desk" };

/**
 * The trend desk's writer: a data brief is saved like any story, with its audit event in the
 * same transaction (created or edited; an unchanged save writes nothing), and returns only
 * once every process shows it, as a newsroom publish does.
 */
export function briefWriter(deps: NewsroomDeps): SaveBrief {
  const ctx = { deps, audit: TREND_DESK_ACTOR };
  return async (input) => {
    const now = deps.clock.now();
    const saved: SaveResult = await deps.database.db.transaction().execute(async (trx) => {
      const result = await saveOne(trx, input, saveContext(ctx, now));
      if (result.outcome === "unchanged") return result;
      await recordAudit(
        trx,
        ctx.audit,
        {
          action: result.outcome === "created" ? "story.create" : "story.edit",
          targetType: "article",
          targetId: result.id,
          detail: { kind: input.kind, slug: result.slug, status: input.status },
        },
        now,
      );
      return result;
    });
    if (saved.changeId !== null) await deps.changes.settle(saved.changeId);
    return saved;
  };
}
