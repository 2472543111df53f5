import type { Transaction } from "kysely";
import { articleInput } from "../../content/article-input.js";
import { type SaveContext, saveOne } from "../../content/article-store.js";
import { validationFailed } from "../../core/errors.js";
import type { Tables } from "../../db/schema.js";
import type { AuditContext } from "../audit-log.js";
import type { NewsroomDeps } from "../newsroom-deps.js";

/** Everything a command needs: the newsroom's dependencies and who is acting, from where. */
export interface CommandContext {
  deps: NewsroomDeps;
  audit: AuditContext;
}

export function saveContext(ctx: CommandContext, now: Date): SaveContext {
  return {
    dialect: ctx.deps.database.dialect,
    now,
    deskByline: ctx.deps.config.DESK_BYLINE,
    timeZone: ctx.deps.config.TIME_ZONE,
  };
}

/** Validates with the content model's own schema, then writes through the article store. */
export async function writeArticle(
  trx: Transaction<Tables>,
  ctx: CommandContext,
  input: Record<string, unknown>,
  now: Date,
) {
  const parsed = articleInput.safeParse(input);
  if (!parsed.success) {
    throw validationFailed(
      "The story cannot be saved",
      parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
    );
  }
  return saveOne(trx, parsed.data, saveContext(ctx, now));
}
