import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { badRequest } from "../../core/errors.js";
import { type AuditContext, recordAudit } from "../audit-log.js";
import { CSRF_FIELD, CSRF_HEADER, isStateChanging, sameOrigin, tokensMatch } from "../auth/csrf.js";
import { findSession, type Session } from "../auth/session-store.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import type { Actor } from "../policy.js";

export interface NewsroomEnv {
  Variables: {
    session: Session | undefined;
    /** Parsed form body of a state-changing request (read once by the CSRF check). */
    form: Record<string, string | string[]>;
  };
}

export type NewsroomContext = Context<NewsroomEnv>;

export const SESSION_COOKIE = "resou_session";
export const LOGIN_CSRF_COOKIE = "resou_login_csrf";

// Keyed by the request's context (one per request; the body limit replaces `c.req.raw`).
const resolvedIps = new WeakMap<Context, string>();

function socketIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "unknown";
}

/**
 * Resolves the client's address once per request: the socket's, or with `TRUST_PROXY`
 * the last X-Forwarded-For entry (the one our single reverse proxy appended; entries
 * before it are whatever the client claimed).
 */
export function clientIpMiddleware(trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    const forwarded = trustProxy ? c.req.header("x-forwarded-for") : undefined;
    const last = forwarded
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    resolvedIps.set(c, (last ?? socketIp(c)).slice(0, 100));
    await next();
  };
}

/** The client's address for audit events and login throttling. */
export function clientIp(c: Context): string {
  return resolvedIps.get(c) ?? socketIp(c);
}

export function clientInfo(c: Context): { ip: string; userAgent: string } {
  return { ip: clientIp(c), userAgent: c.req.header("user-agent") ?? "" };
}

export function actorOf(c: NewsroomContext): Actor | null {
  const session = c.get("session");
  return session
    ? { id: session.user.id, email: session.user.email, role: session.user.role }
    : null;
}

export function auditContext(c: NewsroomContext): AuditContext {
  const session = c.get("session");
  return {
    actorId: session?.user.id ?? null,
    actorLabel: session?.user.email ?? "anonymous",
    ...clientInfo(c),
  };
}

/** One value of a parsed form field (the last when repeated). */
export function formValue(c: NewsroomContext, name: string): string {
  const value = c.get("form")[name];
  return Array.isArray(value) ? (value.at(-1) ?? "") : (value ?? "");
}

export type CsrfRejection = (c: NewsroomContext) => Response | Promise<Response>;

/**
 * Loads the session from its cookie and parses form bodies once. Every state-changing
 * request must come from our own origin; a signed-in one must also carry the session's CSRF
 * token (form field or header), and the login and setup forms a double-submit cookie. A
 * request without a session passes on to be refused by the route's authorization, which
 * for the editor means "sign in again, your text is kept".
 */
export function sessionMiddleware(
  deps: NewsroomDeps,
  onReject: CsrfRejection,
): MiddlewareHandler<NewsroomEnv> {
  const origins = [new URL(deps.config.SITE_URL).origin];
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token
      ? await findSession(deps.database.db, token, deps.clock.now(), deps.session)
      : undefined;
    c.set("session", session);
    c.set("form", {});
    if (!isStateChanging(c.req.method)) return next();

    const type = c.req.header("content-type") ?? "";
    if (
      type.startsWith("application/x-www-form-urlencoded") ||
      type.startsWith("multipart/form-data")
    ) {
      // A malformed body (multipart without a boundary, cut short) is the client's error.
      const body = await c.req.parseBody({ all: true }).catch(() => {
        throw badRequest("The form could not be read; send it again from the page.");
      });
      const form: Record<string, string | string[]> = {};
      for (const [key, value] of Object.entries(body)) {
        if (typeof value === "string") form[key] = value;
        else if (Array.isArray(value))
          form[key] = value.filter((v): v is string => typeof v === "string");
      }
      c.set("form", form);
    }
    const requestOrigin = new URL(c.req.url).origin;
    const originOk = sameOrigin(
      { origin: c.req.header("origin"), secFetchSite: c.req.header("sec-fetch-site") },
      [...origins, requestOrigin],
    );
    const given = c.req.header(CSRF_HEADER) ?? formValue(c, CSRF_FIELD);
    const preSession = PRE_SESSION_PATHS.has(c.req.path);
    let tokenOk = true;
    if (session && !preSession) tokenOk = tokensMatch(session.csrfToken, given);
    else if (preSession) tokenOk = tokensMatch(getCookie(c, LOGIN_CSRF_COOKIE) ?? "", given);
    if (!originOk || !tokenOk) {
      await recordAudit(
        deps.database.db,
        auditContext(c),
        { action: "csrf.rejected", targetType: "path", targetId: c.req.path },
        deps.clock.now(),
      );
      return onReject(c);
    }
    return next();
  };
}

/** Forms posted before there is a session: protected by the double-submit cookie. */
export const PRE_SESSION_PATHS = new Set(["/admin/login", "/admin/setup"]);
