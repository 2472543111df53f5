import { type Check, closestPassage, evidenceFor, flag } from "./check-context.js";
import type { CheckFlag } from "./check-types.js";
import { findDates } from "./date-extract.js";
import { findNames } from "./name-extract.js";
import { canonicalText, contentWords, looseText } from "./text-normalise.js";

/** Each claim word and the forms a source may use for the same claim (English and Chinese). */
const CLAIMS: Record<string, string[]> = {
  first: [
    "first",
    "first-ever",
    "maiden",
    "inaugural",
    "首次",
    "第一次",
    "首位",
    "首个",
    "第一",
    "首届",
  ],
  second: ["second", "第二次", "第二"],
  third: ["third", "第三次", "第三"],
  last: ["last", "final", "最后"],
  record: ["record", "record-high", "record-low", "all-time", "纪录", "记录", "创新高", "历史新高"],
  largest: ["largest", "biggest", "最大"],
  biggest: ["biggest", "largest", "最大"],
  highest: ["highest", "最高"],
  lowest: ["lowest", "最低"],
  only: ["only", "sole", "唯一"],
  unprecedented: ["unprecedented", "first", "前所未有", "史无前例"],
};

const TRIGGER =
  /\b(?:(first|second|third|last|largest|biggest|highest|lowest|unprecedented)(?:-ever)?|(record)(?=[\s-]+(?:high|low|number|level|breaking|\w+s\b|\w+))|(?:the|its|his|her|their|an?)\s+(only))\b/gi;

/** Uses of the words that make no claim. */
const IDIOMS =
  /\b(?:at first|first of all|first and foremost|last (?:year|month|week|night|time|weekend|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)|(?:the )?last (?:few|several|two|three|\d+)|at last|last but not least|for the record|on record|off the record|not only|only (?:if|when|after|because)|first half|second half|first quarter|second quarter|third quarter|first round|second round|first name|second-largest|second largest)\b/gi;

/** Anchors of the event a sentence is about: dates, years and places after "in"/"at". */
function anchors(text: string): Set<string> {
  const out = new Set<string>();
  for (const d of findDates(text)) {
    if (d.year !== null) out.add(String(d.year));
    out.add(`${d.month}-${d.day ?? ""}`);
  }
  for (const y of text.match(/\b(?:19|20)\d{2}\b/g) ?? []) out.add(y);
  for (const m of canonicalText(text).matchAll(/\b(?:in|at)\s+((?:[A-Z][\p{L}'-]+\s?){1,3})/gu)) {
    const place = looseText(m[1] ?? "");
    if (place) out.add(place);
  }
  return out;
}

function anchorsOfSource(text: string): Set<string> {
  const out = anchors(text);
  for (const n of findNames(text)) out.add(looseText(n.name));
  for (const w of looseText(text).split(" ")) if (w) out.add(w);
  return out;
}

/** From the claim word to the end of its clause, in a source sentence. */
function claimClause(sentence: string, forms: readonly string[]): string | null {
  const lower = canonicalText(sentence);
  const low = lower.toLowerCase();
  for (const f of forms) {
    const re = /[\u3400-\u9fff]/.test(f)
      ? new RegExp(f)
      : new RegExp(`\\b${f.replace(/-/g, "\\-")}\\b`, "i");
    const m = re.exec(low);
    if (!m) continue;
    const rest = lower.slice(m.index);
    const end = rest.search(/[,;()，；。]|\s(?:after|before|while|when|and then|but)\s/);
    return end < 0 ? rest : rest.slice(0, end);
  }
  return null;
}

/**
 * Check 7: "first", "second", "last", "record", "largest", "only"… must be said by the cited
 * text about the same thing: a cited sentence has the claim word (or a synonym, also in
 * Chinese) and the noun it qualifies, and, when the sentence names a date or a place for
 * the event, at least one of them (Hanoi called "the first meeting" when the source's first
 * meeting is Singapore's fails here).
 */
export const superlativeCheck: Check = (ctx) => {
  const flags: CheckFlag[] = [];
  for (const sentence of ctx.body.sentences) {
    const text = canonicalText(sentence.plain);
    const idioms = [...text.matchAll(IDIOMS)].map(
      (m) => [m.index ?? 0, (m.index ?? 0) + m[0].length] as const,
    );
    const sources = evidenceFor(ctx, sentence);
    if (sources.length === 0) continue;
    const sentenceAnchors = anchors(text);
    const sentenceWords = new Set([...looseText(text).split(" "), ...sentenceAnchors]);
    for (const m of text.matchAll(TRIGGER)) {
      const word = (m[1] ?? m[2] ?? m[3] ?? "").toLowerCase();
      const at = (m.index ?? 0) + m[0].toLowerCase().lastIndexOf(word);
      if (idioms.some(([a, b]) => at >= a && at < b)) continue;
      const forms = CLAIMS[word] ?? [word];
      // The noun it qualifies: the next content word or two.
      const after = [
        ...contentWords(
          text
            .slice(at + word.length)
            .split(/[,;:.]/)[0]
            ?.split(/\s+/)
            .slice(0, 5)
            .join(" ") ?? "",
        ),
      ];
      const head = after.slice(0, 2);
      let supported = false;
      for (const p of sources) {
        for (const s of p.sentences) {
          const loose = ` ${looseText(s)} `;
          const raw = canonicalText(s).toLowerCase();
          if (
            !forms.some((f) =>
              /[\u3400-\u9fff]/.test(f) ? raw.includes(f) : loose.includes(` ${looseText(f)} `),
            )
          )
            continue;
          const chinese = /[\u3400-\u9fff]/.test(s);
          if (!chinese && head.length > 0 && !head.some((h) => loose.includes(` ${h}`))) continue;
          // The place or date the source attaches to its claim ("their first meeting, in
          // Singapore") must be one the article's sentence also names.
          const clause = claimClause(s, forms);
          const clauseAnchors = clause ? anchors(clause) : new Set<string>();
          if (clauseAnchors.size > 0) {
            const words = sentenceWords;
            const hit = [...clauseAnchors].some((a) =>
              (ctx.aliasGroups.get(a) ?? [a]).some(
                (x) => sentenceAnchors.has(x) || x.split(" ").some((w) => words.has(w)),
              ),
            );
            if (!hit) continue;
          } else if (sentenceAnchors.size > 0) {
            const sa = anchorsOfSource(s);
            const aliases = [...sentenceAnchors].flatMap((a) => ctx.aliasGroups.get(a) ?? [a]);
            if (!aliases.some((a) => sa.has(a) || loose.includes(` ${a} `))) continue;
          }
          supported = true;
          break;
        }
        if (supported) break;
      }
      if (supported) continue;
      flags.push(
        flag(
          "ordinal",
          "error",
          sentence,
          `“${m[0].trim()}” is not said by the cited text about the same event`,
          closestPassage(sources, new Set([word, ...head])),
        ),
      );
    }
  }
  return flags;
};
