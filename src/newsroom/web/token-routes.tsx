import { Hono } from "hono";
import { isAppError } from "../../core/errors.js";
import { createApiToken, listApiTokens, revokeApiToken } from "../auth/api-tokens.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { AdminLayout, CsrfField, Field } from "./admin-layout.js";
import { page, requires } from "./guard.js";
import {
  auditContext,
  formValue,
  type NewsroomContext,
  type NewsroomEnv,
} from "./request-context.js";

/** A user's own API tokens for scripts: create (shown once), list, revoke. */
export function tokenRoutes(deps: NewsroomDeps) {
  const app = new Hono<NewsroomEnv>();
  const db = deps.database.db;
  const show = async (
    c: NewsroomContext,
    extra: { created?: string; error?: string } = {},
    status: 200 | 422 = 200,
  ) => {
    const session = c.get("session");
    const tokens = session ? await listApiTokens(db, session.user.id) : [];
    return page(
      c,
      <AdminLayout
        title="API tokens"
        session={session}
        siteName={deps.config.SITE_NAME}
        flash={extra.created ? "Token created. Copy it now: it is not shown again." : undefined}
      >
        {extra.created ? (
          <p class="panel">
            <code id="new-token">{extra.created}</code>
          </p>
        ) : null}
        <p>
          Scripts send <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/v1</code>,
          acting with your role. The API is described in{" "}
          <a href="/api/v1/openapi.json">openapi.json</a>.
        </p>
        <form method="post" action="/admin/tokens" class="panel">
          <CsrfField token={session?.csrfToken ?? ""} />
          <Field
            name="name"
            label="Token name"
            hint="What will use it, e.g. “import script”."
            error={extra.error}
            required
            maxlength={80}
          />
          <button type="submit">Create token</button>
        </form>
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>{t.createdAt.slice(0, 16).replace("T", " ")}</td>
                <td>{t.lastUsedAt?.slice(0, 16).replace("T", " ") ?? "never"}</td>
                <td>
                  {t.revokedAt ? (
                    "revoked"
                  ) : (
                    <form method="post" action={`/admin/tokens/${t.id}/revoke`} class="inline">
                      <CsrfField token={session?.csrfToken ?? ""} />
                      <button type="submit">Revoke</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </AdminLayout>,
      status,
    );
  };

  app.get("/admin/tokens", requires(deps, "tokens.own"), (c) => show(c));

  app.post("/admin/tokens", requires(deps, "tokens.own"), async (c) => {
    const session = c.get("session");
    if (!session) return c.redirect("/admin/login", 303);
    try {
      const created = await createApiToken(
        db,
        session.user.id,
        formValue(c, "name"),
        auditContext(c),
        deps.clock.now(),
      );
      return show(c, { created: created.token });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return show(c, { error: error.details.fields?.[0]?.message ?? error.message }, 422);
    }
  });

  app.post("/admin/tokens/:id{[0-9]+}/revoke", requires(deps, "tokens.own"), async (c) => {
    const session = c.get("session");
    if (session)
      await revokeApiToken(
        db,
        session.user.id,
        Number(c.req.param("id")),
        auditContext(c),
        deps.clock.now(),
      );
    return c.redirect("/admin/tokens", 303);
  });
  return app;
}
