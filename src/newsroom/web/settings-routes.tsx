import { Hono } from "hono";
import type { FC } from "hono/jsx";
import type { Session } from "../auth/session-store.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import {
  ALL_SETTING_KEYS,
  ALL_SETTINGS,
  type AnySettingKey,
  changeSettings,
  loadPipelineSettings,
  loadSettings,
  PIPELINE_SETTING_KEYS,
  SETTING_KEYS,
  settingText,
} from "../settings.js";
import { AdminLayout, CsrfField, Field } from "./admin-layout.js";
import { page, requires } from "./guard.js";
import { auditContext, formValue, type NewsroomEnv } from "./request-context.js";

type Values = Partial<Record<AnySettingKey, string>>;

/** A list setting: one entry per line in a text area, its problem right beside it. */
const ListField: FC<{ name: AnySettingKey; value: string; error?: string | undefined }> = (p) => {
  const id = `f-${p.name}`;
  const def = ALL_SETTINGS[p.name];
  return (
    <div class={p.error ? "field invalid" : "field"}>
      <label for={id}>{def.label}</label>
      <small id={`${id}-hint`}>{def.help}</small>
      <textarea
        id={id}
        name={p.name}
        rows={4}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={p.error ? `${id}-error` : `${id}-hint`}
      >
        {p.value}
      </textarea>
      {p.error ? (
        <p class="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  );
};

const SettingFields: FC<{ keys: AnySettingKey[]; values: Values; errors?: Values }> = (p) => (
  <>
    {p.keys.map((key) =>
      ALL_SETTINGS[key].kind === "number" ? (
        <Field
          name={key}
          label={ALL_SETTINGS[key].label}
          hint={ALL_SETTINGS[key].help}
          value={p.values[key]}
          error={p.errors?.[key]}
          type="number"
          required
        />
      ) : (
        <ListField name={key} value={p.values[key] ?? ""} error={p.errors?.[key]} />
      ),
    )}
  </>
);

const SettingsPage: FC<{
  siteName: string;
  session: Session | undefined;
  values: Values;
  errors?: Values;
  flash?: string | undefined;
}> = (p) => (
  <AdminLayout title="Settings" session={p.session} siteName={p.siteName} flash={p.flash}>
    <p class="muted">
      Changes apply at once and are recorded in the audit log. Deployment settings live in the
      environment.
    </p>
    <form method="post" action="/admin/settings" class="panel">
      <CsrfField token={p.session?.csrfToken ?? ""} />
      <fieldset>
        <legend>Newsroom</legend>
        <SettingFields keys={SETTING_KEYS} values={p.values} errors={p.errors} />
      </fieldset>
      <fieldset>
        <legend>Writing pipeline and research</legend>
        <SettingFields keys={PIPELINE_SETTING_KEYS} values={p.values} errors={p.errors} />
      </fieldset>
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
  const asText = async (): Promise<Values> => {
    const current = { ...(await loadSettings(db)), ...(await loadPipelineSettings(db)) };
    return Object.fromEntries(ALL_SETTING_KEYS.map((k) => [k, settingText(current[k])]));
  };

  app.get("/admin/settings", requires(deps, "settings.manage"), async (c) => {
    return page(
      c,
      <SettingsPage
        siteName={deps.config.SITE_NAME}
        session={c.get("session")}
        values={await asText()}
      />,
    );
  });

  app.post("/admin/settings", requires(deps, "settings.manage"), async (c) => {
    // Only submitted fields change: a form without a field leaves that setting alone.
    const form = c.get("form");
    const input: Values = Object.fromEntries(
      ALL_SETTING_KEYS.filter((k) => form[k] !== undefined).map((k) => [k, formValue(c, k)]),
    );
    const result = await changeSettings(db, input, auditContext(c), deps.clock.now());
    if (!result.ok) {
      return page(
        c,
        <SettingsPage
          siteName={deps.config.SITE_NAME}
          session={c.get("session")}
          values={{ ...(await asText()), ...input }}
          errors={result.errors}
        />,
        422,
      );
    }
    const flash = result.changed.length
      ? `Saved: ${result.changed.map((k) => ALL_SETTINGS[k].label).join(", ")}.`
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
