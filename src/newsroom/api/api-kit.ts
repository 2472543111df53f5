import type { Context, MiddlewareHandler } from "hono";
import type { z } from "zod";
import { validationFailed } from "../../core/errors.js";
import { type AuditContext, recordAudit } from "../audit-log.js";
import type { TokenUser } from "../auth/api-tokens.js";
import { fieldProblems } from "../form-errors.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { type Action, can } from "../policy.js";
import { clientInfo } from "../web/request-context.js";
import { errorBody } from "./api-presenters.js";

export type ApiEnv = { Variables: { user: TokenUser } };
export type ApiContext = Context<ApiEnv>;

/** The JSON body checked against `schema`, or a 422 listing every bad field. */
export async function body<T>(c: ApiContext, schema: z.ZodType<T>): Promise<T> {
  const raw: unknown = await c.req.json().catch(() => {
    throw validationFailed("The body must be JSON", [
      { field: "body", message: "is not valid JSON" },
    ]);
  });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationFailed("Check the fields", fieldProblems(parsed.error));
  return parsed.data;
}

/** Audit context of the token's user: email plus which token, and from where. */
export function apiAudit(c: ApiContext): AuditContext {
  const user = c.get("user");
  return {
    actorId: user.id,
    actorLabel: `${user.email} (token ${user.tokenId})`,
    ...clientInfo(c),
  };
}

/** Records a token user's refused action in the audit log. */
export async function auditApiDenial(
  c: ApiContext,
  deps: NewsroomDeps,
  action: Action,
): Promise<void> {
  await recordAudit(
    deps.database.db,
    apiAudit(c),
    {
      action: "permission.denied",
      targetType: "action",
      targetId: action,
      detail: { path: c.req.path, method: c.req.method, via: "api" },
    },
    deps.clock.now(),
  );
}

/** Audits the refusal and answers 403. */
export async function apiDeny(
  c: ApiContext,
  deps: NewsroomDeps,
  action: Action,
): Promise<Response> {
  await auditApiDenial(c, deps, action);
  return c.json(errorBody("forbidden", `Your role may not ${action}`), 403);
}

/** The permission check of an API route, as middleware placed before its handler. */
export function apiRequires(deps: NewsroomDeps, action: Action): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (!can(c.get("user"), action)) return apiDeny(c, deps, action);
    await next();
  };
}
