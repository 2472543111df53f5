import type { FC } from "hono/jsx";
import { AdminLayout, CsrfField, Field } from "./admin-layout.js";

/** One-time first-admin form; the route answers 404 once any account exists. */
export const SetupPage: FC<{
  siteName: string;
  csrf: string;
  values?: { email: string; displayName: string };
  errors?: Record<string, string>;
}> = (p) => (
  <AdminLayout title="Create the first admin" session={undefined} siteName={p.siteName}>
    <p>No account exists yet. The first account is an admin; this page disappears once used.</p>
    <form method="post" action="/admin/setup" class="panel">
      <CsrfField token={p.csrf} />
      <Field
        name="email"
        label="Email"
        type="email"
        value={p.values?.email}
        error={p.errors?.email}
        required
        autocomplete="username"
      />
      <Field
        name="displayName"
        label="Name"
        value={p.values?.displayName}
        error={p.errors?.displayName}
        required
      />
      <Field
        name="password"
        label="Password"
        type="password"
        hint="At least 12 characters."
        error={p.errors?.password}
        required
        autocomplete="new-password"
      />
      <button type="submit" class="primary">
        Create admin
      </button>
    </form>
  </AdminLayout>
);
