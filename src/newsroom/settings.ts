import type { Kysely } from "kysely";
import { z } from "zod";
import type { Tables } from "../db/schema.js";
import { type AuditContext, recordAudit } from "./audit-log.js";

/** Every setting admins may change, with its rule, default and a line of help. */
export const SETTINGS = {
  "queue.topic_limit": {
    label: "Trending topics shown in the queue",
    help: "How many of the hot-search list's topics the queue lists (10 to 100).",
    schema: z.coerce
      .number()
      .int("must be a whole number")
      .min(10, "must be at least 10")
      .max(100, "must be at most 100"),
    fallback: 50,
  },
  "editor.autosave_seconds": {
    label: "Autosave interval (seconds)",
    help: "How often the editor autosaves a changed draft (10 to 300).",
    schema: z.coerce
      .number()
      .int("must be a whole number")
      .min(10, "must be at least 10")
      .max(300, "must be at most 300"),
    fallback: 20,
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type Settings = { [K in SettingKey]: number };
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** Current values; stored ones that no longer pass their rule fall back to the default. */
export async function loadSettings(db: Kysely<Tables>): Promise<Settings> {
  const rows = await db.selectFrom("newsroom_setting").select(["key", "value"]).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out = {} as Settings;
  for (const key of SETTING_KEYS) {
    const raw = stored.get(key);
    const parsed = raw === undefined ? undefined : SETTINGS[key].schema.safeParse(JSON.parse(raw));
    out[key] = parsed?.success ? parsed.data : SETTINGS[key].fallback;
  }
  return out;
}

/**
 * Validates every submitted value, then writes the changed ones and one `setting.change`
 * audit event each (old and new value), in one transaction. Returns the problems by key.
 */
export async function changeSettings(
  db: Kysely<Tables>,
  input: Partial<Record<SettingKey, string>>,
  context: AuditContext,
  now: Date,
): Promise<
  { ok: true; changed: SettingKey[] } | { ok: false; errors: Partial<Record<SettingKey, string>> }
> {
  const errors: Partial<Record<SettingKey, string>> = {};
  const values: Partial<Settings> = {};
  for (const key of SETTING_KEYS) {
    const raw = input[key];
    if (raw === undefined) continue;
    const parsed = SETTINGS[key].schema.safeParse(raw.trim());
    if (parsed.success) values[key] = parsed.data;
    else errors[key] = parsed.error.issues[0]?.message ?? "is invalid";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const current = await loadSettings(trx);
    const changed: SettingKey[] = [];
    for (const key of SETTING_KEYS) {
      const value = values[key];
      if (value === undefined || value === current[key]) continue;
      const row = {
        value: JSON.stringify(value),
        updated_at: now.toISOString(),
        updated_by: context.actorId,
      };
      await trx
        .insertInto("newsroom_setting")
        .values({ key, ...row })
        .onConflict((oc) => oc.column("key").doUpdateSet(row))
        .execute();
      await recordAudit(
        trx,
        context,
        {
          action: "setting.change",
          targetType: "setting",
          targetId: key,
          detail: { from: current[key], to: value },
        },
        now,
      );
      changed.push(key);
    }
    return { ok: true as const, changed };
  });
}
