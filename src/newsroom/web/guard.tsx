import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { renderToString } from "../../web/page-response.js";
import { recordAudit } from "../audit-log.js";
import { CSRF_FIELD } from "../auth/csrf.js";
import { newToken } from "../auth/session-store.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { type Action, can, type StoryResource } from "../policy.js";
import { AdminLayout } from "./admin-layout.js";
import { LoginPage, type Resume } from "./login-page.js";
import {
  actorOf,
  auditContext,
  LOGIN_CSRF_COOKIE,
  type NewsroomContext,
  type NewsroomEnv,
} from "./request-context.js";

type Status = 200 | 400 | 403 | 404 | 409 | 410 | 422 | 429 | 503;

export async function page(c: NewsroomContext, node: unknown, status: Status = 200) {
  c.header("Cache-Control", "no-store");
  return c.html(await renderToString(node), status);
}

export const secureCookies = (deps: NewsroomDeps) => deps.config.SITE_URL.startsWith("https:");

/**
 * The double-submit token for the login and setup forms: the browser's existing one (so
 * two open sign-in tabs both work), or a fresh one.
 */
export function loginCsrf(c: NewsroomContext, deps: NewsroomDeps): string {
  const existing = getCookie(c, LOGIN_CSRF_COOKIE);
  if (existing && /^[\w-]{40,100}$/.test(existing)) return existing;
  const token = newToken();
  setCookie(c, LOGIN_CSRF_COOKIE, token, {
    path: "/admin",
    httpOnly: true,
    sameSite: "Lax",
    secure: secureCookies(deps),
  });
  return token;
}

/** The posted form, minus the CSRF token, to carry through a new sign-in. */
function resumeOf(c: NewsroomContext): Resume | undefined {
  if (c.req.method !== "POST" || !c.req.path.startsWith("/admin/stories/")) return undefined;
  const fields: [string, string][] = [];
  for (const [name, value] of Object.entries(c.get("form"))) {
    if (name === CSRF_FIELD) continue;
    for (const v of Array.isArray(value) ? value : [value]) fields.push([name, v]);
  }
  return fields.length > 0 ? { action: c.req.path, fields } : undefined;
}

/** Records a signed-in user's refused action in the audit log. */
export async function auditDenial(
  c: NewsroomContext,
  deps: NewsroomDeps,
  action: Action,
): Promise<void> {
  await recordAudit(
    deps.database.db,
    auditContext(c),
    {
      action: "permission.denied",
      targetType: "action",
      targetId: action,
      detail: { path: c.req.path, method: c.req.method },
    },
    deps.clock.now(),
  );
}

/**
 * Checks the policy for this request. Returns a response when refused: a sign-in page for
 * nobody (keeping any posted text), a 403 page and an audit event for a signed-in user.
 */
export async function refuse(
  c: NewsroomContext,
  deps: NewsroomDeps,
  action: Action,
  story?: StoryResource,
): Promise<Response | undefined> {
  const actor = actorOf(c);
  if (can(actor, action, story)) return undefined;
  if (!actor) {
    const resume = resumeOf(c);
    if (c.req.method === "GET" && !resume) {
      return c.redirect(`/admin/login?next=${encodeURIComponent(c.req.path)}`, 303);
    }
    const view = (
      <LoginPage
        siteName={deps.config.SITE_NAME}
        csrf={loginCsrf(c, deps)}
        resume={resume}
        error={resume ? undefined : "Please sign in."}
      />
    );
    return page(c, view, 403);
  }
  await auditDenial(c, deps, action);
  const view = (
    <AdminLayout title="Not allowed" session={c.get("session")} siteName={deps.config.SITE_NAME}>
      <p>Your role ({actor.role}) may not do this. Ask an editor or an admin.</p>
    </AdminLayout>
  );
  return page(c, view, 403);
}

/**
 * The permission check of a newsroom route, as middleware placed before its handler: the
 * handler runs only when the policy allows `action`; otherwise `refuse` answers.
 */
export function requires(deps: NewsroomDeps, action: Action): MiddlewareHandler<NewsroomEnv> {
  return async (c, next) => {
    const refused = await refuse(c, deps, action);
    if (refused) return refused;
    await next();
  };
}
