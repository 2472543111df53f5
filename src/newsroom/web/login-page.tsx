import type { FC } from "hono/jsx";
import { CSRF_FIELD } from "../auth/csrf.js";
import { AdminLayout, CsrfField, Field } from "./admin-layout.js";

/** Fields of a form that was posted after the session ended, carried through sign-in. */
export interface Resume {
  action: string;
  fields: [string, string][];
}

export const ResumeFields: FC<{ resume: Resume | undefined }> = ({ resume }) =>
  resume ? (
    <>
      <input type="hidden" name="resume_action" value={resume.action} />
      {resume.fields.map(([name, value]) => (
        <input type="hidden" name={`resume:${name}`} value={value} />
      ))}
    </>
  ) : null;

export const LoginPage: FC<{
  siteName: string;
  csrf: string;
  email?: string;
  error?: string | undefined;
  resume?: Resume | undefined;
  next?: string | undefined;
}> = (p) => (
  <AdminLayout title="Sign in" session={undefined} siteName={p.siteName}>
    {p.resume ? (
      <p class="flash error" role="alert">
        Your session ended before your changes were saved. Sign in again: your text is kept and you
        can save it on the next page.
      </p>
    ) : null}
    {p.error ? (
      <p class="flash error" role="alert" id="login-error">
        {p.error}
      </p>
    ) : null}
    <form method="post" action="/admin/login" class="panel">
      <CsrfField token={p.csrf} />
      {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
      <ResumeFields resume={p.resume} />
      <Field
        name="email"
        label="Email"
        type="email"
        value={p.email}
        required
        autocomplete="username"
        maxlength={254}
      />
      <Field
        name="password"
        label="Password"
        type="password"
        required
        autocomplete="current-password"
        maxlength={200}
      />
      <button type="submit" class="primary">
        Sign in
      </button>
    </form>
  </AdminLayout>
);

/** After signing in again: the kept text, ready to post where it was going. */
export const ResumePage: FC<{
  siteName: string;
  session: Parameters<typeof AdminLayout>[0]["session"];
  resume: Resume;
}> = ({ siteName, session, resume }) => (
  <AdminLayout title="Your text was kept" session={session} siteName={siteName}>
    <p>You are signed in again. Nothing has been saved yet; your text is below.</p>
    <form method="post" action={resume.action} class="panel">
      <CsrfField token={session?.csrfToken ?? ""} />
      {resume.fields.map(([name, value]) =>
        name === CSRF_FIELD ? null : <input type="hidden" name={name} value={value} />,
      )}
      <dl>
        {resume.fields
          .filter(([name]) => ["headline", "lead", "sections"].includes(name))
          .map(([name, value]) => (
            <>
              <dt>{name}</dt>
              <dd class="diff">{value}</dd>
            </>
          ))}
      </dl>
      <button type="submit" class="primary">
        Save my text now
      </button>
    </form>
  </AdminLayout>
);
