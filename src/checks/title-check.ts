import { type Check, type CheckContext, flag } from "./check-context.js";
import type { CheckFlag } from "./check-types.js";
import { findDates } from "./date-extract.js";
import { findNames } from "./name-extract.js";
import {
  bodyOf,
  holdsOn,
  officeMatches,
  publishedIso,
  rowsForName,
  titleWords,
} from "./office-lookup.js";
import type { OfficeHolder } from "./reference-data.js";
import type { ArticleSentence } from "./sentence-split.js";
import { canonicalText, looseText } from "./text-normalise.js";

const ADJECTIVE =
  "(U\\.?S\\.?|US|American|United States|South Korean|North Korean|Chinese|Russian|Japanese|British|UN)";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function describe(row: OfficeHolder): string {
  return `${row.person}: ${row.office}, ${row.body}, since ${row.since}${row.until ? ` until ${row.until}` : ""}${row.sourceNote ? ` (${row.sourceNote})` : ""}`;
}

/** People mentioned in a sentence (office-holder table only), in order, for "the former president". */
function peopleIn(ctx: CheckContext, text: string): string[] {
  const out: string[] = [];
  const loose = ` ${looseText(text)} `;
  for (const row of ctx.reference.officeHolders) {
    const spellings = ctx.aliasGroups.get(looseText(row.person)) ?? [looseText(row.person)];
    const surname = looseText(row.person).split(" ");
    const short =
      row.body === "China" || row.body === "North Korea" || row.body === "South Korea"
        ? surname[0]
        : surname.at(-1);
    const forms = [...spellings, short ?? ""].filter((f) => f.length > 2);
    let at = -1;
    for (const f of forms) {
      const i = loose.lastIndexOf(` ${f} `);
      if (i > at) at = i;
    }
    if (at >= 0 && !out.includes(row.person)) out.push(row.person);
  }
  return out;
}

function pastContext(sentence: ArticleSentence, publishedYear: number): boolean {
  if (/\bthen[-\s]/i.test(sentence.plain)) return true;
  if (findDates(sentence.plain).some((d) => d.year !== null && d.year < publishedYear)) return true;
  const years = sentence.plain.match(/\b(19|20)\d{2}\b/g) ?? [];
  return years.some((y) => Number(y) < publishedYear);
}

/**
 * Check 5: a title given to a person must be true on the publication date. "Former President
 * X" is an error when the office-holder table (or a source dated within 90 days) has X in
 * that office on the day; "President X" is a warning when X has left it and the sentence is
 * not about the past. "The former president" without a name refers to the last person
 * mentioned who ever held the office.
 */
export const titleCheck: Check = (ctx) => {
  const flags: CheckFlag[] = [];
  const day = publishedIso(ctx);
  const titles = titleWords(ctx);
  const titleAlt = titles.map(escapeRegExp).join("|");
  const named = new RegExp(
    `\\b([Ff]ormer|[Ee]x-|[Tt]hen-|[Ll]ate)?\\s*(?:${ADJECTIVE}\\s+)?(${titleAlt})\\s+((?:[A-Z][\\p{L}'’-]*\\.?\\s?){1,4})`,
    "gu",
  );
  const bare = new RegExp(
    `\\b(?:the|a|an)\\s+former\\s+(?:${ADJECTIVE}\\s+)?(${titleAlt})\\b`,
    "giu",
  );
  const recentPeople: string[] = [];
  for (const sentence of ctx.body.sentences) {
    const text = canonicalText(sentence.plain);
    for (const m of text.matchAll(named)) {
      const modifier = (m[1] ?? "").toLowerCase();
      const body = bodyOf(m[2]);
      const title = m[3] ?? "";
      const nameRun = (m[4] ?? "").trim();
      const name = findNames(`${nameRun} x`).at(0)?.name ?? nameRun.split(/\s+/)[0] ?? "";
      const rows = rowsForName(ctx, name).filter((r) => officeMatches(r, title, body));
      if (rows.length === 0) continue;
      const current = rows.find((r) => holdsOn(r, day));
      if (modifier === "former" || modifier === "ex-") {
        if (current) {
          flags.push(
            flag(
              "title",
              "error",
              sentence,
              `“${m[0].trim()}”: ${current.person} holds this office on ${day}`,
              describe(current),
            ),
          );
        }
      } else if (modifier === "" && !current && !pastContext(sentence, ctx.publishedDay.year)) {
        const last = rows.at(-1) as OfficeHolder;
        flags.push(
          flag(
            "title",
            "warning",
            sentence,
            `“${m[0].trim()}”: ${last.person} no longer holds this office on ${day}`,
            describe(last),
          ),
        );
      }
    }
    for (const m of text.matchAll(bare)) {
      // "the former President Trump" is the named pattern's.
      if (/^\s+[A-Z]/.test(text.slice((m.index ?? 0) + m[0].length))) continue;
      const body = bodyOf(m[1]);
      const title = m[2] ?? "";
      const candidates = [...peopleIn(ctx, text), ...recentPeople.slice().reverse()];
      for (const person of candidates) {
        const rows = ctx.reference.officeHolders.filter(
          (r) => r.person === person && officeMatches(r, title, body),
        );
        if (rows.length === 0) continue;
        const current = rows.find((r) => holdsOn(r, day));
        if (current) {
          flags.push(
            flag(
              "title",
              "error",
              sentence,
              `“${m[0].trim()}” refers to ${person}, who holds this office on ${day}`,
              describe(current),
            ),
          );
        }
        break;
      }
    }
    for (const p of peopleIn(ctx, text)) {
      const i = recentPeople.indexOf(p);
      if (i >= 0) recentPeople.splice(i, 1);
      recentPeople.push(p);
    }
  }
  return flags;
};
