import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { isAppError } from "../../core/errors.js";
import type { NewsroomRole } from "../../db/schema.js";
import type { Session } from "../auth/session-store.js";
import {
  createUser,
  listUsers,
  ROLES,
  resetPassword,
  type UserView,
  updateUser,
} from "../commands/user-commands.js";
import { problemMap } from "../form-errors.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { AdminLayout, CsrfField, Field } from "./admin-layout.js";
import { page, requires } from "./guard.js";
import { auditContext, formValue, type NewsroomEnv } from "./request-context.js";

const UsersPage: FC<{
  siteName: string;
  session: Session | undefined;
  users: UserView[];
  errors?: Record<string, string>;
  values?: Record<string, string>;
  flash?: string | undefined;
  flashKind?: "ok" | "error";
}> = (p) => {
  const csrf = p.session?.csrfToken ?? "";
  return (
    <AdminLayout
      title="Users"
      session={p.session}
      siteName={p.siteName}
      flash={p.flash}
      flashKind={p.flashKind ?? "ok"}
    >
      <table>
        <thead>
          <tr>
            <th>Email</th>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
            <th>Change</th>
            <th>Reset password</th>
          </tr>
        </thead>
        <tbody>
          {p.users.map((u) => (
            <tr>
              <td>{u.email}</td>
              <td>{u.displayName}</td>
              <td>{u.role}</td>
              <td>{u.disabled ? "disabled" : "active"}</td>
              <td>
                <form method="post" action={`/admin/users/${u.id}`}>
                  <CsrfField token={csrf} />
                  <label>
                    <span class="muted">Role </span>
                    <select name="role">
                      {ROLES.map((r) => (
                        <option value={r} selected={r === u.role}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </label>{" "}
                  <label>
                    <input type="checkbox" name="disabled" value="1" checked={u.disabled} />{" "}
                    disabled
                  </label>{" "}
                  <button type="submit">Update</button>
                </form>
              </td>
              <td>
                <form method="post" action={`/admin/users/${u.id}/password`}>
                  <CsrfField token={csrf} />
                  <input
                    type="password"
                    name="password"
                    aria-label={`New password for ${u.email}`}
                    autocomplete="new-password"
                  />{" "}
                  <button type="submit">Reset</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <form method="post" action="/admin/users" class="panel">
        <CsrfField token={csrf} />
        <div class="grid2">
          <Field
            name="email"
            label="Email"
            type="email"
            value={p.values?.email}
            error={p.errors?.email}
            required
          />
          <Field
            name="displayName"
            label="Name"
            value={p.values?.displayName}
            error={p.errors?.displayName}
            required
          />
        </div>
        <div class="field">
          <label for="f-role">Role</label>
          <select id="f-role" name="role">
            {ROLES.map((r) => (
              <option value={r} selected={r === (p.values?.role ?? "writer")}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <Field
          name="password"
          label="First password"
          type="password"
          hint="At least 12 characters; they can change it."
          error={p.errors?.password}
          required
        />
        <button type="submit" class="primary">
          Add user
        </button>
      </form>
    </AdminLayout>
  );
};

/** Admin-only: users, roles, password resets. */
export function userRoutes(deps: NewsroomDeps) {
  const app = new Hono<NewsroomEnv>();
  const db = deps.database.db;
  const siteName = deps.config.SITE_NAME;
  const show = async (
    c: Parameters<typeof auditContext>[0],
    extra: {
      errors?: Record<string, string>;
      values?: Record<string, string>;
      flash?: string;
      flashKind?: "ok" | "error";
    } = {},
    status: 200 | 409 | 422 = 200,
  ) =>
    page(
      c,
      <UsersPage
        siteName={siteName}
        session={c.get("session")}
        users={await listUsers(db)}
        {...extra}
      />,
      status,
    );

  app.get("/admin/users", requires(deps, "users.manage"), (c) => show(c));

  app.post("/admin/users", requires(deps, "users.manage"), async (c) => {
    const values = {
      email: formValue(c, "email"),
      displayName: formValue(c, "displayName"),
      role: formValue(c, "role"),
      password: formValue(c, "password"),
    };
    try {
      await createUser(db, values, auditContext(c), deps.clock.now(), deps.passwordCost);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return show(
        c,
        {
          errors: problemMap(error.details.fields),
          values: { ...values, password: "" },
          flash: error.message,
          flashKind: "error",
        },
        422,
      );
    }
    return show(c, { flash: `Added ${values.email}.` });
  });

  app.post("/admin/users/:id{[0-9]+}", requires(deps, "users.manage"), async (c) => {
    const role = formValue(c, "role");
    const change: { role?: NewsroomRole; disabled: boolean } = {
      disabled: formValue(c, "disabled") === "1",
    };
    if ((ROLES as string[]).includes(role)) change.role = role as NewsroomRole;
    try {
      await updateUser(db, Number(c.req.param("id")), change, auditContext(c), deps.clock.now());
    } catch (error) {
      if (!isAppError(error)) throw error;
      return show(c, { flash: error.message, flashKind: "error" }, 409);
    }
    return show(c, { flash: "Account updated." });
  });

  app.post("/admin/users/:id{[0-9]+}/password", requires(deps, "users.manage"), async (c) => {
    try {
      await resetPassword(
        db,
        Number(c.req.param("id")),
        formValue(c, "password"),
        auditContext(c),
        deps.clock.now(),
        deps.passwordCost,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      const message = error.details.fields?.[0]?.message ?? error.message;
      return show(c, { flash: `Password not reset: ${message}`, flashKind: "error" }, 422);
    }
    return show(c, { flash: "Password reset; that user's sessions were ended." });
  });

  return app;
}
