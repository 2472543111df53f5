import type { Kysely, Transaction } from "kysely";
import { z } from "zod";
import type { Tables } from "../db/schema.js";
import { ALIAS_LANGUAGES } from "./reference-data.js";

/**
 * Add, edit and delete rows of the reference tables the title and name checks read. Each
 * write runs in one transaction together with the caller's audit hook, so a change is
 * recorded with the event that explains it, or not at all. The hook keeps this module free
 * of the newsroom (which imports checks, never the other way round).
 */
export type ReferenceTable = "office_holder" | "name_alias" | "news_outlet";
export type ReferenceOp = "create" | "update" | "delete";

export interface ReferenceChange {
  table: ReferenceTable;
  op: ReferenceOp;
  id: number;
  /** The row before the change (update, delete) and after it (create, update). */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export type ReferenceAuditHook = (
  trx: Transaction<Tables>,
  change: ReferenceChange,
) => Promise<void>;

export type ReferenceResult =
  | { ok: true; id: number }
  | { ok: false; notFound: true }
  | { ok: false; notFound?: false; errors: Record<string, string> };

// C0 and C1 control characters (tabs and newlines included): one-line fields only.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const text = (label: string, max: number, required = true) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(required ? 1 : 0, `${label} is required.`)
        .max(max, `${label} must be at most ${max} characters.`)
        .refine((s) => !CONTROL.test(s), `${label} must not contain control characters.`),
    );

/** True for a real calendar day written `YYYY-MM-DD` (no 2025-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const day = (label: string) =>
  z
    .string()
    .transform((s) => s.trim())
    .refine(isCalendarDate, `${label} must be a real date written YYYY-MM-DD.`);

export const officeHolderInput = z
  .object({
    person: text("Person", 200),
    office: text("Office", 200),
    body: text("Body", 200),
    since: day("Since"),
    until: z
      .string()
      .transform((s) => s.trim())
      .refine((s) => s === "" || isCalendarDate(s), "Until must be a real date written YYYY-MM-DD.")
      .transform((s) => (s === "" ? null : s)),
    sourceNote: text("Source note", 500, false),
  })
  .superRefine((v, ctx) => {
    // Dates in this form compare correctly as text.
    if (v.until !== null && v.until < v.since) {
      ctx.addIssue({ code: "custom", path: ["until"], message: "Until must not be before Since." });
    }
  });

export const nameAliasInput = z.object({
  canonical: text("Canonical name", 200),
  alias: text("Alias", 200),
  language: z.enum(ALIAS_LANGUAGES, { error: "Language must be en, zh or pinyin." }),
});

export const newsOutletInput = z.object({
  name: text("Name", 200),
  domain: text("Domain", 253).pipe(
    z
      .string()
      .transform((s) => s.toLowerCase())
      .refine(
        (s) => /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(s),
        "Domain must be a host name like example.com (no scheme or path).",
      ),
  ),
  language: text("Language", 20).pipe(
    z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "Language must be a code like en, zh or zh-TW."),
  ),
  country: text("Country", 100),
});

export type OfficeHolderInput = z.input<typeof officeHolderInput>;
export type NameAliasInput = z.input<typeof nameAliasInput>;
export type NewsOutletInput = z.input<typeof newsOutletInput>;

function errorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || "form";
    out[field] ??= issue.message;
  }
  return out;
}

type Row = Record<string, unknown>;

interface TableSpec<S extends z.ZodType> {
  table: ReferenceTable;
  schema: S;
  /** Parsed input → column values. */
  columns(value: z.output<S>): Row;
}

const SPECS = {
  office_holder: {
    table: "office_holder",
    schema: officeHolderInput,
    columns: (v: z.output<typeof officeHolderInput>) => ({
      person: v.person,
      office: v.office,
      body: v.body,
      since: v.since,
      until: v.until,
      source_note: v.sourceNote,
    }),
  },
  name_alias: {
    table: "name_alias",
    schema: nameAliasInput,
    columns: (v: z.output<typeof nameAliasInput>) => ({ ...v }),
  },
  news_outlet: {
    table: "news_outlet",
    schema: newsOutletInput,
    columns: (v: z.output<typeof newsOutletInput>) => ({ ...v }),
  },
} as const;

async function findRow(
  trx: Transaction<Tables>,
  table: ReferenceTable,
  id: number,
): Promise<Row | undefined> {
  return (await trx.selectFrom(table).selectAll().where("id", "=", id).executeTakeFirst()) as
    | Row
    | undefined;
}

async function write<S extends z.ZodType>(
  db: Kysely<Tables>,
  spec: TableSpec<S>,
  id: number | null,
  input: unknown,
  audit: ReferenceAuditHook,
): Promise<ReferenceResult> {
  const parsed = spec.schema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: errorsOf(parsed.error) };
  const values = spec.columns(parsed.data);
  return db.transaction().execute(async (trx): Promise<ReferenceResult> => {
    if (id === null) {
      const row = await trx
        .insertInto(spec.table)
        .values(values as never)
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, { table: spec.table, op: "create", id: row.id, after: values });
      return { ok: true, id: row.id };
    }
    const before = await findRow(trx, spec.table, id);
    if (!before) return { ok: false, notFound: true };
    await trx
      .updateTable(spec.table)
      .set(values as never)
      .where("id", "=", id)
      .execute();
    await audit(trx, { table: spec.table, op: "update", id, before, after: values });
    return { ok: true, id };
  });
}

export const createOfficeHolder = (db: Kysely<Tables>, input: unknown, audit: ReferenceAuditHook) =>
  write(db, SPECS.office_holder, null, input, audit);
export const updateOfficeHolder = (
  db: Kysely<Tables>,
  id: number,
  input: unknown,
  audit: ReferenceAuditHook,
) => write(db, SPECS.office_holder, id, input, audit);
export const createNameAlias = (db: Kysely<Tables>, input: unknown, audit: ReferenceAuditHook) =>
  write(db, SPECS.name_alias, null, input, audit);
export const updateNameAlias = (
  db: Kysely<Tables>,
  id: number,
  input: unknown,
  audit: ReferenceAuditHook,
) => write(db, SPECS.name_alias, id, input, audit);
export const createNewsOutlet = (db: Kysely<Tables>, input: unknown, audit: ReferenceAuditHook) =>
  write(db, SPECS.news_outlet, null, input, audit);
export const updateNewsOutlet = (
  db: Kysely<Tables>,
  id: number,
  input: unknown,
  audit: ReferenceAuditHook,
) => write(db, SPECS.news_outlet, id, input, audit);

/** Deletes one row of a reference table; false when there was no such row. */
export async function deleteReferenceRow(
  db: Kysely<Tables>,
  table: ReferenceTable,
  id: number,
  audit: ReferenceAuditHook,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findRow(trx, table, id);
    if (!before) return false;
    await trx.deleteFrom(table).where("id", "=", id).execute();
    await audit(trx, { table, op: "delete", id, before });
    return true;
  });
}
