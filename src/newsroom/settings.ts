import type { Kysely } from "kysely";
import { z } from "zod";
import { recordChange } from "../changes/record-change.js";
import type { Tables } from "../db/schema.js";
import { type AuditContext, recordAudit } from "./audit-log.js";

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number()
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** A form's text area (one entry per line, or comma separated) or a stored JSON array. */
const splitList = (value: unknown) =>
  typeof value === "string"
    ? value
        .split(/[\r\n,，]+/)
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

const nameList = z.preprocess(
  splitList,
  z
    .array(z.string().max(40, "each name must be at most 40 characters"))
    .max(50, "at most 50 names")
    .transform((names) => [...new Set(names)]),
);

const urlList = z.preprocess(
  splitList,
  z
    .array(z.url({ protocol: /^https?$/, message: "each line must be an http(s) URL" }).max(2000))
    .max(50, "at most 50 feeds")
    .transform((urls) => [...new Set(urls)]),
);

/**
 * `number` settings are a whole number in a range; `names` and `urls` are lists edited one
 * entry per line. Every value is stored as JSON text and re-validated when read.
 */
export type SettingKind = "number" | "names" | "urls";

interface SettingDef<T> {
  label: string;
  help: string;
  kind: SettingKind;
  schema: z.ZodType<T>;
  fallback: T;
}

const define = <T>(def: SettingDef<T>) => def;

/** Every setting admins may change, with its rule, default and a line of help. */
export const SETTINGS = {
  "queue.topic_limit": define({
    label: "Trending topics shown in the queue",
    help: "How many of the hot-search list's topics the queue lists (10 to 100).",
    kind: "number",
    schema: wholeNumber(10, 100),
    fallback: 50,
  }),
  "editor.autosave_seconds": define({
    label: "Autosave interval (seconds)",
    help: "How often the editor autosaves a changed draft (10 to 300).",
    kind: "number",
    schema: wholeNumber(10, 300),
    fallback: 20,
  }),
} as const;

/**
 * Settings of the writing pipeline: which trending topics start a story on their own, how
 * covered topics are recognised, and which feeds research reads.
 */
export const PIPELINE_SETTINGS = {
  "pipeline.score_threshold": define({
    label: "Newsworthiness score that starts a story",
    help: "Topics scoring at least this (0 to 100) get a draft started automatically; 100 turns automatic starts off.",
    kind: "number",
    schema: wholeNumber(0, 100),
    fallback: 70,
  }),
  "pipeline.max_starts_per_run": define({
    label: "Stories started per scheduler run",
    help: "At most this many automatic starts every few minutes (0 to 20; 0 pauses them).",
    kind: "number",
    schema: wholeNumber(0, 20),
    fallback: 2,
  }),
  "pipeline.dedupe_window_days": define({
    label: "Days a story covers similar topics",
    help: "A topic nearly identical to one a story started from in this many days links to that story (1 to 60).",
    kind: "number",
    schema: wholeNumber(1, 60),
    fallback: 7,
  }),
  "pipeline.dedupe_similarity": define({
    label: "Similarity that counts as the same topic (%)",
    help: "Character-bigram overlap (Jaccard, 50 to 100) above which two topic words are the same story.",
    kind: "number",
    schema: wholeNumber(50, 100),
    fallback: 60,
  }),
  "pipeline.categories_include": define<string[]>({
    label: "Only these categories (one per line)",
    help: "Weibo categories or boards (社会, 时事, 财经…) that may start a story; empty means all.",
    kind: "names",
    schema: nameList,
    fallback: [],
  }),
  "pipeline.categories_exclude": define<string[]>({
    label: "Never these categories (one per line)",
    help: "Categories or boards that never start a story on their own (editors can still start one).",
    kind: "names",
    schema: nameList,
    fallback: ["综艺", "剧集", "演出", "盛典", "音乐", "电影"],
  }),
  "research.feeds": define<string[]>({
    label: "News feeds for research (one URL per line)",
    help: "RSS 2.0 or Atom feeds, Chinese or English, whose items research matches to each topic.",
    kind: "urls",
    schema: urlList,
    fallback: [],
  }),
} as const;

/** Every setting, for the admin page and `changeSettings`. */
export const ALL_SETTINGS = { ...SETTINGS, ...PIPELINE_SETTINGS } as const;

export type SettingKey = keyof typeof SETTINGS;
export type PipelineSettingKey = keyof typeof PIPELINE_SETTINGS;
export type AnySettingKey = keyof typeof ALL_SETTINGS;
type ValueOf<K extends AnySettingKey> = (typeof ALL_SETTINGS)[K]["fallback"];
export type Settings = { [K in SettingKey]: number };
export type PipelineSettings = { [K in PipelineSettingKey]: ValueOf<K> };
export type AnySettingValue = number | string[];
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
export const PIPELINE_SETTING_KEYS = Object.keys(PIPELINE_SETTINGS) as PipelineSettingKey[];
export const ALL_SETTING_KEYS = Object.keys(ALL_SETTINGS) as AnySettingKey[];

function settingDef(key: AnySettingKey): SettingDef<AnySettingValue> {
  return ALL_SETTINGS[key] as SettingDef<AnySettingValue>;
}

/** Stored values of the given keys; ones that no longer pass their rule fall back. */
async function loadValues(
  db: Kysely<Tables>,
  keys: readonly AnySettingKey[],
): Promise<Record<string, AnySettingValue>> {
  const rows = await db
    .selectFrom("newsroom_setting")
    .select(["key", "value"])
    .where("key", "in", [...keys])
    .execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out: Record<string, AnySettingValue> = {};
  for (const key of keys) {
    const def = settingDef(key);
    const raw = stored.get(key);
    let parsed: AnySettingValue | undefined;
    if (raw !== undefined) {
      try {
        const result = def.schema.safeParse(JSON.parse(raw));
        if (result.success) parsed = result.data;
      } catch {
        parsed = undefined;
      }
    }
    out[key] = parsed ?? def.fallback;
  }
  return out;
}

/** Current values of the newsroom settings. */
export async function loadSettings(db: Kysely<Tables>): Promise<Settings> {
  return (await loadValues(db, SETTING_KEYS)) as Settings;
}

/** Current values of the writing-pipeline settings. */
export async function loadPipelineSettings(db: Kysely<Tables>): Promise<PipelineSettings> {
  return (await loadValues(db, PIPELINE_SETTING_KEYS)) as PipelineSettings;
}

/** A value as its form field shows it: numbers as digits, lists one entry per line. */
export function settingText(value: AnySettingValue): string {
  return Array.isArray(value) ? value.join("\n") : String(value);
}

/**
 * Validates every submitted value, then writes the changed ones and one `setting.change`
 * audit event each (old and new value), in one transaction. Returns the problems by key.
 * Keys not submitted are left as they are.
 */
export async function changeSettings(
  db: Kysely<Tables>,
  input: Partial<Record<AnySettingKey, string>>,
  context: AuditContext,
  now: Date,
): Promise<
  | { ok: true; changed: AnySettingKey[] }
  | { ok: false; errors: Partial<Record<AnySettingKey, string>> }
> {
  const errors: Partial<Record<AnySettingKey, string>> = {};
  const values: Partial<Record<AnySettingKey, AnySettingValue>> = {};
  for (const key of ALL_SETTING_KEYS) {
    const raw = input[key];
    if (raw === undefined) continue;
    const def = settingDef(key);
    const parsed = def.schema.safeParse(def.kind === "number" ? raw.trim() : raw);
    if (parsed.success) values[key] = parsed.data;
    else errors[key] = parsed.error.issues[0]?.message ?? "is invalid";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const current = await loadValues(trx, ALL_SETTING_KEYS);
    const changed: AnySettingKey[] = [];
    for (const key of ALL_SETTING_KEYS) {
      const value = values[key];
      if (value === undefined || JSON.stringify(value) === JSON.stringify(current[key])) continue;
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
    // Consumers decide which keys reach their pages; the change names every key that moved.
    if (changed.length > 0) await recordChange(trx, { kind: "settings", keys: changed }, now);
    return { ok: true as const, changed };
  });
}
