import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";

/**
 * Editor-kept reference data: who holds which office since when, the other spellings of
 * names, and the outlets we cite. The title and name checks read it, and so do the drafting
 * prompts, so both judge a story against the same facts.
 */
export interface OfficeHolder {
  id?: number;
  person: string;
  office: string;
  /** Country or body the office belongs to (`United States`, `United Nations`). */
  body: string;
  /** `YYYY-MM-DD`, first day in office. */
  since: string;
  /** `YYYY-MM-DD`, last day in office (the successor's first day), null while in office. */
  until: string | null;
  sourceNote: string;
}

export const ALIAS_LANGUAGES = ["en", "zh", "pinyin"] as const;
export type AliasLanguage = (typeof ALIAS_LANGUAGES)[number];

export interface NameAlias {
  id?: number;
  canonical: string;
  alias: string;
  language: AliasLanguage;
}

export interface NewsOutlet {
  id?: number;
  name: string;
  domain: string;
  language: string;
  country: string;
}

export interface ReferenceData {
  officeHolders: OfficeHolder[];
  aliases: NameAlias[];
  outlets: NewsOutlet[];
}

export const EMPTY_REFERENCE: ReferenceData = { officeHolders: [], aliases: [], outlets: [] };

function aliasLanguage(value: string): AliasLanguage {
  return (ALIAS_LANGUAGES as readonly string[]).includes(value) ? (value as AliasLanguage) : "en";
}

/** Every row of the three tables, in a stable order. */
export async function loadReferenceData(db: Kysely<Tables>): Promise<ReferenceData> {
  const [holders, aliases, outlets] = await Promise.all([
    db.selectFrom("office_holder").selectAll().orderBy("person").orderBy("since").execute(),
    db.selectFrom("name_alias").selectAll().orderBy("canonical").orderBy("alias").execute(),
    db.selectFrom("news_outlet").selectAll().orderBy("name").execute(),
  ]);
  return {
    officeHolders: holders.map((r) => ({
      id: r.id,
      person: r.person,
      office: r.office,
      body: r.body,
      since: r.since,
      until: r.until,
      sourceNote: r.source_note,
    })),
    aliases: aliases.map((r) => ({
      id: r.id,
      canonical: r.canonical,
      alias: r.alias,
      language: aliasLanguage(r.language),
    })),
    outlets: outlets.map((r) => ({
      id: r.id,
      name: r.name,
      domain: r.domain,
      language: r.language,
      country: r.country,
    })),
  };
}
