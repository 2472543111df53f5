import { Hono } from "hono";
import type { FC } from "hono/jsx";
import type { Session } from "../auth/session-store.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import {
  changeSettings,
  loadSettings,
  SETTING_KEYS,
  SETTINGS,
  type SettingKey,
} from "../settings.js";
import { AdminLayout, CsrfField, Field } from "./admin-layout.js";
import { page, refuse } from "./guard.js";
import { auditContext, formValue, type NewsroomEnv } from "./request-context.js";

const SettingsPage: FC<{
  siteName: string;
  session: Session | undefined;
  values: Record<SettingKey, string>;
  errors?: Partial<Record<SettingKey, string>>;
  flash?: string | undefined;
}> = (p) => (
  <AdminLayout title="Settings" session={p.session} siteName={p.siteName} flash={p.flash}>
    <p class="muted">
      Changes apply at once and are recorded in the audit log. Deployment settings live in the
      environment.
    </p>
    <form method="post" action="/admin/settings" class="panel">
      <CsrfField token={p.session?.csrfToken ?? ""} />
      {SETTING_KEYS.map((key) => (
        <Field
          name={key}
          label={SETTINGS[key].label}
          hint={SETTINGS[key].help}
          value={p.values[key]}
          error={p.errors?.[key]}
          type="number"
          required
        />
      ))}
      <button type="submit" class="primary">
        Save settings
      </button>
    </form>
  </AdminLayout>
);

/** Admin-only run-time settings. */
export function settingsRoutes(deps: NewsroomDeps) {
  const app = new Hono<NewsroomEnv>();
  const db = deps.database.db;
  const asText = async () => {
    const current = await loadSettings(db);
    return Object.fromEntries(SETTING_KEYS.map((k) => [k, String(current[k])])) as Record<
      SettingKey,
      string
    >;
  };

  app.get("/admin/settings", async (c) => {
    const refused = await refuse(c, deps, "settings.manage");
    if (refused) return refused;
    return page(
      c,
      <SettingsPage
        siteName={deps.config.SITE_NAME}
        session={c.get("session")}
        values={await asText()}
      />,
    );
  });

  app.post("/admin/settings", async (c) => {
    const refused = await refuse(c, deps, "settings.manage");
    if (refused) return refused;
    const input = Object.fromEntries(SETTING_KEYS.map((k) => [k, formValue(c, k)])) as Record<
      SettingKey,
      string
    >;
    const result = await changeSettings(db, input, auditContext(c), deps.clock.now());
    if (!result.ok) {
      return page(
        c,
        <SettingsPage
          siteName={deps.config.SITE_NAME}
          session={c.get("session")}
          values={input}
          errors={result.errors}
        />,
        422,
      );
    }
    const flash = result.changed.length
      ? `Saved: ${result.changed.map((k) => SETTINGS[k].label).join(", ")}.`
      : "Nothing changed.";
    return page(
      c,
      <SettingsPage
        siteName={deps.config.SITE_NAME}
        session={c.get("session")}
        values={await asText()}
        flash={flash}
      />,
    );
  });
  return app;
}
