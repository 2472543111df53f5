import { type Kysely, sql } from "kysely";
import { hasHan } from "../core/chinese-segment.js";
import type { Tables } from "../db/schema.js";

/** The names of one person, place or outlet: the newsroom's canonical name first. */
export interface NameGroup {
  members: string[];
}

/**
 * The newsroom's names as search keys: the words of every spelling of a name (lowercase,
 * letters and digits only, space-separated) and every Chinese spelling as written.
 */
export interface SearchLexicon {
  latin: Map<string, NameGroup>;
  han: Map<string, NameGroup>;
  /** Most words in a Latin key: how far a query's words are tried together. */
  longest: number;
}

/** A name's words as a key: "Kim Jong-un" and "kim jong un" are one key. */
export function nameKey(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");
}

interface NameRow {
  kind: "alias" | "person" | "outlet";
  name: string;
  alias: string;
}

/**
 * The lexicon from the reference tables the newsroom keeps (`name_alias`, `office_holder`,
 * `news_outlet`): a few hundred rows, read in one statement per search so an editor's new
 * alias counts at once.
 */
export async function loadSearchLexicon(db: Kysely<Tables>): Promise<SearchLexicon> {
  const { rows } = await sql<NameRow>`
    select 'alias' as kind, canonical as name, alias from name_alias
    union all select 'person', person, '' from office_holder
    union all select 'outlet', name, '' from news_outlet`.execute(db);
  return buildLexicon(rows);
}

/**
 * Groups by canonical name. A person's family name alone (the last word of an office
 * holder's name, when it is long enough not to be a common word) finds the group too:
 * readers search "Trump", not "Donald Trump".
 */
export function buildLexicon(rows: NameRow[]): SearchLexicon {
  const groups = new Map<string, NameGroup>();
  const groupOf = (name: string) => {
    const key = nameKey(name) || name;
    let group = groups.get(key);
    if (!group) {
      group = { members: [name] };
      groups.set(key, group);
    }
    return group;
  };
  const surnames = new Map<string, NameGroup>();
  for (const row of rows) {
    const group = groupOf(row.name);
    if (row.kind === "alias" && row.alias && !group.members.includes(row.alias))
      group.members.push(row.alias);
    if (row.kind === "person") {
      const last = nameKey(row.name).split(" ").at(-1) ?? "";
      if (last.length >= 4 && nameKey(row.name).includes(" ")) surnames.set(last, group);
    }
  }
  const latin = new Map<string, NameGroup>();
  const han = new Map<string, NameGroup>();
  for (const group of groups.values()) {
    // A name with no other spelling has nothing to add to a query.
    if (group.members.length < 2) continue;
    for (const member of group.members) {
      if (hasHan(member)) han.set(member.replace(/\s+/g, ""), group);
      else if (nameKey(member)) latin.set(nameKey(member), group);
    }
  }
  for (const [surname, group] of surnames)
    if (group.members.length >= 2 && !latin.has(surname)) latin.set(surname, group);
  const longest = Math.max(1, ...[...latin.keys()].map((k) => k.split(" ").length));
  return { latin, han, longest };
}

/**
 * English titles of hashtags, by their Chinese word (without `#`): what the trend desk or its
 * translator called them. Looked up by the indexed `word`, only for the query's Chinese runs.
 */
export async function trendTitles(
  db: Kysely<Tables>,
  words: string[],
): Promise<Map<string, string>> {
  if (words.length === 0) return new Map();
  const rows = await db
    .selectFrom("trend_topic")
    .select(["word", "title_en"])
    .where("word", "in", words)
    .where("title_en", "<>", "")
    .orderBy("last_seen_at", "desc")
    .execute();
  const titles = new Map<string, string>();
  for (const row of rows) if (!titles.has(row.word)) titles.set(row.word, row.title_en);
  return titles;
}
