import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { isAppError } from "../../core/errors.js";
import { recordAudit } from "../audit-log.js";
import { logIn } from "../auth/login.js";
import { endSession, endUserSessions, findSession } from "../auth/session-store.js";
import { changeOwnPassword, countUsers, createUser } from "../commands/user-commands.js";
import { problemMap } from "../form-errors.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { AdminLayout, CsrfField, Field } from "./admin-layout.js";
import { loginCsrf, page, requires, secureCookies } from "./guard.js";
import { LoginPage, type Resume, ResumePage } from "./login-page.js";
import {
  auditContext,
  clientInfo,
  formValue,
  type NewsroomEnv,
  SESSION_COOKIE,
} from "./request-context.js";
import { SetupPage } from "./setup-page.js";

/** Only local paths under /admin are followed after sign-in. */
function safeNext(next: string): string {
  return /^\/admin(\/[\w\-/]*)?$/.test(next) ? next : "/admin";
}

function resumeFromForm(form: Record<string, string | string[]>): Resume | undefined {
  const action = form.resume_action;
  if (typeof action !== "string" || !/^\/admin\/stories\/[\w\-/]+$/.test(action)) return undefined;
  const fields: [string, string][] = [];
  for (const [key, value] of Object.entries(form)) {
    if (!key.startsWith("resume:")) continue;
    for (const v of Array.isArray(value) ? value : [value]) fields.push([key.slice(7), v]);
  }
  return { action, fields };
}

/** Sign in and out, first-run setup, and the signed-in user's own account. */
export function authRoutes(deps: NewsroomDeps) {
  const app = new Hono<NewsroomEnv>();
  const db = deps.database.db;
  const siteName = deps.config.SITE_NAME;

  app.get("/admin/login", async (c) => {
    if (c.get("session")) return c.redirect("/admin", 303);
    if ((await countUsers(db)) === 0) return c.redirect("/admin/setup", 303);
    const next = c.req.query("next");
    return page(
      c,
      <LoginPage
        siteName={siteName}
        csrf={loginCsrf(c, deps)}
        next={next ? safeNext(next) : undefined}
      />,
    );
  });

  app.post("/admin/login", async (c) => {
    const email = formValue(c, "email");
    const resume = resumeFromForm(c.get("form"));
    const outcome = await logIn(
      db,
      { email, password: formValue(c, "password") },
      clientInfo(c),
      deps.clock.now(),
      { session: deps.session, gate: deps.passwordChecks, passwordCost: deps.passwordCost },
    );
    if (outcome.kind !== "ok") {
      const error =
        outcome.kind === "locked"
          ? `Too many failed attempts. Try again after ${outcome.until.slice(11, 16)} UTC.`
          : outcome.kind === "busy"
            ? "Too many sign-ins at once. Try again in a moment."
            : "That email and password do not match an active account.";
      if (outcome.kind === "busy") c.header("Retry-After", "1");
      const view = (
        <LoginPage
          siteName={siteName}
          csrf={loginCsrf(c, deps)}
          email={email}
          error={error}
          resume={resume}
        />
      );
      return page(c, view, outcome.kind === "failed" ? 422 : 429);
    }
    // A session cookie the browser already had (perhaps planted) is never carried over.
    const previous = c.get("session");
    if (previous) await endSession(db, previous.id);
    setCookie(c, SESSION_COOKIE, outcome.token, {
      path: "/admin",
      httpOnly: true,
      sameSite: "Lax",
      secure: secureCookies(deps),
      maxAge: Math.floor(deps.session.maxAgeMs / 1000),
    });
    if (resume) {
      const session = await findSession(db, outcome.token, deps.clock.now(), deps.session);
      return page(c, <ResumePage siteName={siteName} session={session} resume={resume} />);
    }
    return c.redirect(safeNext(formValue(c, "next")), 303);
  });

  app.post("/admin/logout", async (c) => {
    const session = c.get("session");
    if (session) {
      await endSession(db, session.id);
      await recordAudit(db, auditContext(c), { action: "logout" }, deps.clock.now());
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/admin" });
    return c.redirect("/admin/login", 303);
  });

  app.post("/admin/logout-everywhere", async (c) => {
    const session = c.get("session");
    if (session) {
      const ended = await endUserSessions(db, session.user.id);
      await recordAudit(
        db,
        auditContext(c),
        { action: "logout.everywhere", detail: { sessions: ended } },
        deps.clock.now(),
      );
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/admin" });
    return c.redirect("/admin/login", 303);
  });

  // First run only: once any account exists this page is gone (404).
  app.get("/admin/setup", async (c) => {
    if ((await countUsers(db)) > 0) return c.notFound();
    return page(c, <SetupPage siteName={siteName} csrf={loginCsrf(c, deps)} />);
  });

  app.post("/admin/setup", async (c) => {
    if ((await countUsers(db)) > 0) return c.notFound();
    const input = {
      email: formValue(c, "email"),
      displayName: formValue(c, "displayName"),
      role: "admin",
      password: formValue(c, "password"),
    };
    try {
      await createUser(
        db,
        input,
        { ...auditContext(c), actorLabel: "setup" },
        deps.clock.now(),
        deps.passwordCost,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      const errors = problemMap(error.details.fields);
      const view = (
        <SetupPage siteName={siteName} csrf={loginCsrf(c, deps)} values={input} errors={errors} />
      );
      return page(c, view, 422);
    }
    return c.redirect("/admin/login", 303);
  });

  app.get("/admin/account", requires(deps, "tokens.own"), async (c) => {
    return page(c, <AccountPage deps={deps} c={c} />);
  });

  app.post("/admin/account/password", requires(deps, "tokens.own"), async (c) => {
    const session = c.get("session");
    if (!session) return c.redirect("/admin/login", 303);
    try {
      await changeOwnPassword(
        db,
        session.user.id,
        { current: formValue(c, "current"), next: formValue(c, "next") },
        { ...auditContext(c), sessionId: session.id },
        deps.clock.now(),
        deps.passwordCost,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      return page(
        c,
        <AccountPage deps={deps} c={c} errors={problemMap(error.details.fields)} />,
        422,
      );
    }
    return page(
      c,
      <AccountPage
        deps={deps}
        c={c}
        flash="Password changed; your other sessions were signed out."
      />,
    );
  });
  return app;
}

const AccountPage = (p: {
  deps: NewsroomDeps;
  c: Parameters<typeof auditContext>[0];
  errors?: Record<string, string>;
  flash?: string;
}) => {
  const session = p.c.get("session");
  return (
    <AdminLayout
      title="Your account"
      session={session}
      siteName={p.deps.config.SITE_NAME}
      flash={p.flash}
    >
      <p>
        {session?.user.email} · {session?.user.role}
      </p>
      <h2>Change password</h2>
      <form method="post" action="/admin/account/password" class="panel">
        <CsrfField token={session?.csrfToken ?? ""} />
        <Field
          name="current"
          label="Current password"
          type="password"
          autocomplete="current-password"
          error={p.errors?.current}
          required
        />
        <Field
          name="next"
          label="New password"
          type="password"
          autocomplete="new-password"
          hint="At least 12 characters."
          error={p.errors?.next}
          required
        />
        <button type="submit">Change password</button>
      </form>
      <h2>Sessions</h2>
      <form method="post" action="/admin/logout-everywhere" class="panel">
        <CsrfField token={session?.csrfToken ?? ""} />
        <p>Signs you out on every device, this one included.</p>
        <button type="submit">Sign out everywhere</button>
      </form>
      <p>
        <a href="/admin/tokens">API tokens</a>
      </p>
    </AdminLayout>
  );
};
