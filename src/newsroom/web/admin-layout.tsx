import type { FC, PropsWithChildren } from "hono/jsx";
import { CSRF_FIELD } from "../auth/csrf.js";
import type { Session } from "../auth/session-store.js";
import { can } from "../policy.js";
import { ADMIN_CSS_PATH, ADMIN_JS_PATH } from "./admin-assets.js";

export interface AdminPageProps {
  title: string;
  session: Session | undefined;
  siteName: string;
  /** A one-line notice above the content (saved, published, …). */
  flash?: string | undefined;
  flashKind?: "ok" | "error";
}

/** Hidden CSRF field for every form a signed-in user posts. */
export const CsrfField: FC<{ token: string }> = ({ token }) => (
  <input type="hidden" name={CSRF_FIELD} value={token} />
);

/** The newsroom's own chrome: plain, fast, no build step; scripts only enhance. */
export const AdminLayout: FC<PropsWithChildren<AdminPageProps>> = (props) => {
  const user = props.session?.user;
  const actor = user ? { id: user.id, email: user.email, role: user.role } : null;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} · ${props.siteName} newsroom`}</title>
        <link rel="stylesheet" href={ADMIN_CSS_PATH} />
        {props.session ? <meta name="csrf-token" content={props.session.csrfToken} /> : null}
        <script src={ADMIN_JS_PATH} defer />
      </head>
      <body class="admin">
        <header class="admin-header">
          <a class="brand" href="/admin">
            {props.siteName} newsroom
          </a>
          {user ? (
            <nav aria-label="Newsroom">
              <a href="/admin">Queue</a>
              <a href="/admin/stories/new">New story</a>
              {can(actor, "reference.view") ? <a href="/admin/reference">Reference data</a> : null}
              {can(actor, "users.manage") ? <a href="/admin/users">Users</a> : null}
              {can(actor, "settings.manage") ? <a href="/admin/settings">Settings</a> : null}
              {can(actor, "audit.view") ? <a href="/admin/audit">Audit log</a> : null}
              <a href="/admin/account">{user.displayName}</a>
              <form method="post" action="/admin/logout" class="inline">
                <CsrfField token={props.session?.csrfToken ?? ""} />
                <button type="submit" class="link">
                  Sign out
                </button>
              </form>
            </nav>
          ) : null}
        </header>
        <main id="main" class="admin-main">
          <h1>{props.title}</h1>
          {props.flash ? (
            <p class={`flash ${props.flashKind ?? "ok"}`} role="status">
              {props.flash}
            </p>
          ) : null}
          {props.children}
        </main>
      </body>
    </html>
  );
};

export interface FieldProps {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  type?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
}

/** A labelled input with its problem right beside it. */
export const Field: FC<FieldProps> = (p) => {
  const id = `f-${p.name}`;
  return (
    <div class={p.error ? "field invalid" : "field"}>
      <label for={id}>{p.label}</label>
      {p.hint ? <small id={`${id}-hint`}>{p.hint}</small> : null}
      <input
        id={id}
        name={p.name}
        type={p.type ?? "text"}
        value={p.value ?? ""}
        required={p.required}
        autocomplete={p.autocomplete}
        maxlength={p.maxlength}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={p.error ? `${id}-error` : undefined}
      />
      {p.error ? (
        <p class="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  );
};

export const FieldError: FC<{ name: string; error?: string | undefined }> = ({ name, error }) =>
  error ? (
    <p class="error" id={`f-${name}-error`}>
      {error}
    </p>
  ) : null;
