import type { FC } from "hono/jsx";
import type { ReferenceTable } from "../../checks/reference-commands.js";
import type { ReferenceData } from "../../checks/reference-data.js";
import { ALIAS_LANGUAGES } from "../../checks/reference-data.js";
import type { Session } from "../auth/session-store.js";
import { AdminLayout, CsrfField, Field, FieldError } from "./admin-layout.js";

export type Values = Record<string, string>;
export type Errors = Record<string, string>;

interface FieldDef {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  maxlength: number;
  /** A fixed list of choices (rendered as a select). */
  options?: readonly string[];
}

export interface KindDef {
  table: ReferenceTable;
  /** The URL segment: /admin/reference/<slug>. */
  slug: string;
  title: string;
  singular: string;
  fields: FieldDef[];
}

export const KINDS: KindDef[] = [
  {
    table: "office_holder",
    slug: "office-holders",
    title: "Office holders",
    singular: "office holder",
    fields: [
      { name: "person", label: "Person", required: true, maxlength: 200 },
      {
        name: "office",
        label: "Office",
        hint: "As written in a title: President",
        required: true,
        maxlength: 200,
      },
      {
        name: "body",
        label: "Body",
        hint: "Country or organisation: United States",
        required: true,
        maxlength: 200,
      },
      {
        name: "since",
        label: "Since",
        hint: "YYYY-MM-DD, first day in office",
        required: true,
        maxlength: 10,
      },
      {
        name: "until",
        label: "Until",
        hint: "YYYY-MM-DD, the successor's first day; empty while in office",
        maxlength: 10,
      },
      { name: "sourceNote", label: "Source note", hint: "Where this is recorded", maxlength: 500 },
    ],
  },
  {
    table: "name_alias",
    slug: "aliases",
    title: "Name aliases",
    singular: "name alias",
    fields: [
      { name: "canonical", label: "Canonical name", required: true, maxlength: 200 },
      { name: "alias", label: "Alias", required: true, maxlength: 200 },
      {
        name: "language",
        label: "Language",
        required: true,
        maxlength: 10,
        options: ALIAS_LANGUAGES,
      },
    ],
  },
  {
    table: "news_outlet",
    slug: "outlets",
    title: "News outlets",
    singular: "news outlet",
    fields: [
      { name: "name", label: "Name", required: true, maxlength: 200 },
      {
        name: "domain",
        label: "Domain",
        hint: "Host name: example.com",
        required: true,
        maxlength: 253,
      },
      {
        name: "language",
        label: "Language",
        hint: "Code: en, zh, zh-TW",
        required: true,
        maxlength: 20,
      },
      { name: "country", label: "Country", required: true, maxlength: 100 },
    ],
  },
];

export const kindBySlug = (slug: string) => KINDS.find((k) => k.slug === slug);

/** A row of any of the three tables as form values, keyed like the form fields. */
export function rowsOf(data: ReferenceData, table: ReferenceTable): (Values & { id: string })[] {
  const rows: Record<string, unknown>[] =
    table === "office_holder"
      ? data.officeHolders.map((r) => ({ ...r }))
      : table === "name_alias"
        ? data.aliases.map((r) => ({ ...r }))
        : data.outlets.map((r) => ({ ...r }));
  return rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? "" : String(v)])),
  ) as (Values & { id: string })[];
}

const SelectField: FC<{
  def: FieldDef;
  prefix: string;
  value?: string | undefined;
  error?: string | undefined;
}> = (p) => {
  const id = `f-${p.prefix}${p.def.name}`;
  return (
    <div class={p.error ? "field invalid" : "field"}>
      <label for={id}>{p.def.label}</label>
      <select
        id={id}
        name={p.def.name}
        required={p.def.required}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={p.error ? `${id}-error` : undefined}
      >
        {(p.def.options ?? []).map((o) => (
          <option value={o} selected={o === p.value}>
            {o}
          </option>
        ))}
      </select>
      <FieldError name={`${p.prefix}${p.def.name}`} error={p.error} />
    </div>
  );
};

/** The fields of one kind. Input names are unique across the page's three add forms except
 * `language`, which the alias form renders as a prefixed select. */
const KindFields: FC<{
  kind: KindDef;
  values?: Values | undefined;
  errors?: Errors | undefined;
}> = (p) => (
  <>
    {p.kind.fields.map((def) =>
      def.options ? (
        <SelectField
          def={def}
          prefix={`${p.kind.slug}-`}
          value={p.values?.[def.name]}
          error={p.errors?.[def.name]}
        />
      ) : (
        <Field
          name={def.name}
          label={def.label}
          hint={def.hint}
          value={p.values?.[def.name]}
          error={p.errors?.[def.name]}
          required={def.required}
          maxlength={def.maxlength}
        />
      ),
    )}
  </>
);

const KindSection: FC<{
  kind: KindDef;
  rows: (Values & { id: string })[];
  canManage: boolean;
  csrf: string;
  values?: Values | undefined;
  errors?: Errors | undefined;
}> = (p) => (
  <section aria-labelledby={`${p.kind.slug}-title`}>
    <h2 id={`${p.kind.slug}-title`}>{p.kind.title}</h2>
    <table>
      <thead>
        <tr>
          {p.kind.fields.map((f) => (
            <th scope="col">{f.label}</th>
          ))}
          {p.canManage ? <th scope="col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {p.rows.map((row) => (
          <tr>
            {p.kind.fields.map((f) => (
              <td>{row[f.name] ?? ""}</td>
            ))}
            {p.canManage ? (
              <td>
                <a href={`/admin/reference/${p.kind.slug}/${row.id}`}>Edit</a>{" "}
                <form
                  method="post"
                  action={`/admin/reference/${p.kind.slug}/${row.id}/delete`}
                  class="inline"
                >
                  <CsrfField token={p.csrf} />
                  <button
                    type="submit"
                    class="link"
                    data-confirm={`Delete this ${p.kind.singular}?`}
                  >
                    Delete
                  </button>
                </form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
    {p.rows.length === 0 ? <p class="muted">No rows yet.</p> : null}
    {p.canManage ? (
      <form method="post" action={`/admin/reference/${p.kind.slug}`} class="panel">
        <CsrfField token={p.csrf} />
        <fieldset>
          <legend>Add a {p.kind.singular}</legend>
          <KindFields kind={p.kind} values={p.values} errors={p.errors} />
        </fieldset>
        <button type="submit" class="primary">
          Add {p.kind.singular}
        </button>
      </form>
    ) : null}
  </section>
);

export const ReferencePage: FC<{
  siteName: string;
  session: Session | undefined;
  data: ReferenceData;
  canManage: boolean;
  flash?: string | undefined;
  /** The add form that failed validation: its kind, what was typed, and the problems. */
  failed?: { slug: string; values: Values; errors: Errors } | undefined;
}> = (p) => (
  <AdminLayout
    title="Reference data"
    session={p.session}
    siteName={p.siteName}
    flash={p.flash}
    flashKind={p.failed ? "error" : "ok"}
  >
    <p class="muted">
      The claim checks judge titles and names against these tables; a change applies to the next
      check. {p.canManage ? "Every change is recorded in the audit log." : "Editors keep them."}
    </p>
    {KINDS.map((kind) => (
      <KindSection
        kind={kind}
        rows={rowsOf(p.data, kind.table)}
        canManage={p.canManage}
        csrf={p.session?.csrfToken ?? ""}
        values={p.failed?.slug === kind.slug ? p.failed.values : undefined}
        errors={p.failed?.slug === kind.slug ? p.failed.errors : undefined}
      />
    ))}
  </AdminLayout>
);

export const ReferenceEditPage: FC<{
  siteName: string;
  session: Session | undefined;
  kind: KindDef;
  id: number;
  values: Values;
  errors?: Errors | undefined;
}> = (p) => (
  <AdminLayout
    title={`Edit ${p.kind.singular}`}
    session={p.session}
    siteName={p.siteName}
    flash={p.errors ? "Nothing was saved: fix the fields marked below." : undefined}
    flashKind="error"
  >
    <form method="post" action={`/admin/reference/${p.kind.slug}/${p.id}`} class="panel">
      <CsrfField token={p.session?.csrfToken ?? ""} />
      <KindFields kind={p.kind} values={p.values} errors={p.errors} />
      <button type="submit" class="primary">
        Save
      </button>{" "}
      <a href="/admin/reference">Cancel</a>
    </form>
  </AdminLayout>
);
