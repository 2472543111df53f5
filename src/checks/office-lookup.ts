import type { CheckContext } from "./check-context.js";
import { isoDay } from "./date-extract.js";
import type { OfficeHolder } from "./reference-data.js";
import { looseText } from "./text-normalise.js";

/** Adjectives and short forms that name the country or body of an office. */
const BODIES: [RegExp, string][] = [
  [/^(?:u\.?\s?s\.?|us|american|united states)$/i, "United States"],
  [/^(?:south korean|south korea's|rok)$/i, "South Korea"],
  [/^(?:north korean|north korea's|dprk)$/i, "North Korea"],
  [/^(?:chinese|china's)$/i, "China"],
  [/^(?:russian|russia's)$/i, "Russia"],
  [/^(?:japanese|japan's)$/i, "Japan"],
  [/^(?:british|uk|u\.k\.)$/i, "United Kingdom"],
  [/^(?:un|u\.n\.)$/i, "United Nations"],
];

export function bodyOf(adjective: string | undefined): string | null {
  if (!adjective) return null;
  for (const [re, body] of BODIES) if (re.test(adjective.trim())) return body;
  return null;
}

/** Rows of the office-holder table for the person a written name refers to. */
export function rowsForName(ctx: CheckContext, written: string): OfficeHolder[] {
  const loose = looseText(written);
  if (!loose) return [];
  const spellings = (person: string) =>
    ctx.aliasGroups.get(looseText(person)) ?? [looseText(person)];
  return ctx.reference.officeHolders.filter((row) =>
    spellings(row.person).some(
      (s) => s === loose || s.endsWith(` ${loose}`) || s.startsWith(`${loose} `),
    ),
  );
}

/** Whether an office's name matches a title as written ("President", "Prime Minister"). */
export function officeMatches(row: OfficeHolder, title: string, body: string | null): boolean {
  if (body && row.body !== body) return false;
  const office = looseText(row.office);
  const t = looseText(title);
  return office === t || office.startsWith(`${t} `) || office.endsWith(` ${t}`);
}

export function holdsOn(row: OfficeHolder, day: string): boolean {
  return row.since <= day && (row.until === null || day < row.until);
}

export function publishedIso(ctx: CheckContext): string {
  const d = ctx.publishedDay;
  return isoDay(d.year, d.month, d.day);
}

/** Offices the check recognises as titles in running text, longest first. */
export function titleWords(ctx: CheckContext): string[] {
  const base = [
    "President",
    "Vice President",
    "Prime Minister",
    "Premier",
    "Secretary of State",
    "Secretary-General",
    "Foreign Minister",
    "Chairman",
    "General Secretary",
    "Chancellor",
    "Governor",
    "Mayor",
  ];
  const fromTable = ctx.reference.officeHolders
    .map((r) => r.office)
    .filter((o) => o.split(" ").length <= 4);
  return [...new Set([...base, ...fromTable])].sort((a, b) => b.length - a.length);
}
