import {
  type Check,
  type CheckContext,
  evidenceFor,
  flag,
  type PreparedSource,
} from "./check-context.js";
import type { CheckFlag } from "./check-types.js";
import { dayNumber, findDates, fromDayNumber, isoDay, MONTHS, WEEKDAYS } from "./date-extract.js";
import type { ArticleSentence } from "./sentence-split.js";
import { contentWords } from "./text-normalise.js";

/** A span of calendar days (day numbers, inclusive). */
export interface DayRange {
  from: number;
  to: number;
}

export interface RelativeMention {
  text: string;
  range: DayRange;
}

type Day = { year: number; month: number; day: number };

const UNIT = "(year|month|week)";
const RELATIVE = new RegExp(
  `\\b(?:(later|earlier)\\s+this\\s+${UNIT}|(next|last|this|past)\\s+${UNIT}(?:'s)?|(yesterday|today|tomorrow|tonight)|(?:(next|last|this|on|coming)\\s+)(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)|(next|last|this)\\s+(January|February|March|April|May|June|July|August|September|October|November|December))\\b`,
  "gi",
);

const FUTURE =
  /\b(will|would|plans?|planned|set to|scheduled|slated|expected|upcoming|hopes? to|aims? to|intends?|is to|are to|going to)\b/i;

function yearRange(year: number): DayRange {
  return { from: dayNumber(year, 1, 1), to: dayNumber(year, 12, 31) };
}

function monthRange(year: number, month: number): DayRange {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: dayNumber(year, month, 1), to: dayNumber(year, month, last) };
}

/** Resolves the relative phrases of a text against a calendar day ("today" for the writer). */
export function resolveRelative(text: string, today: Day, futureHint: boolean): RelativeMention[] {
  const out: RelativeMention[] = [];
  const t = dayNumber(today.year, today.month, today.day);
  const weekStart = t - ((new Date(t * 86_400_000).getUTCDay() + 6) % 7); // Monday
  for (const m of text.matchAll(RELATIVE)) {
    const phrase = m[0];
    let range: DayRange | null = null;
    if (m[1] && m[2]) {
      const unit = m[2].toLowerCase();
      const whole =
        unit === "year"
          ? yearRange(today.year)
          : unit === "month"
            ? monthRange(today.year, today.month)
            : { from: weekStart, to: weekStart + 6 };
      range =
        m[1].toLowerCase() === "later" ? { from: t, to: whole.to } : { from: whole.from, to: t };
    } else if (m[3] && m[4]) {
      const which = m[3].toLowerCase();
      const unit = m[4].toLowerCase();
      const shift = which === "next" ? 1 : which === "last" || which === "past" ? -1 : 0;
      if (which === "past") {
        const span = unit === "year" ? 365 : unit === "month" ? 31 : 7;
        range = { from: t - span, to: t };
      } else if (unit === "year") range = yearRange(today.year + shift);
      else if (unit === "month") {
        const index = today.year * 12 + (today.month - 1) + shift;
        range = monthRange(Math.floor(index / 12), (index % 12) + 1);
      } else range = { from: weekStart + 7 * shift, to: weekStart + 7 * shift + 6 };
    } else if (m[5]) {
      const word = m[5].toLowerCase();
      const offset = word === "yesterday" ? -1 : word === "tomorrow" ? 1 : 0;
      range = { from: t + offset, to: t + offset };
    } else if (m[7]) {
      const which = (m[6] ?? "on").toLowerCase();
      const target = WEEKDAYS[m[7].toLowerCase()] ?? 0;
      const todayWd = new Date(t * 86_400_000).getUTCDay();
      const back = (todayWd - target + 7) % 7;
      const ahead = (target - todayWd + 7) % 7;
      if (which === "next" || which === "coming")
        range = { from: t + (ahead || 7), to: t + (ahead || 7) };
      else if (which === "last") range = { from: t - (back || 7), to: t - (back || 7) };
      else if (which === "this")
        range = { from: weekStart + ((target + 6) % 7), to: weekStart + ((target + 6) % 7) };
      else {
        // "on Saturday": news reports the past unless the sentence looks ahead.
        const d = futureHint ? t + ahead : t - back;
        range = { from: d, to: d };
      }
    } else if (m[8] && m[9]) {
      const which = m[8].toLowerCase();
      const month = MONTHS[m[9].toLowerCase()] ?? 1;
      const year =
        which === "next"
          ? month > today.month
            ? today.year
            : today.year + 1
          : which === "last"
            ? month < today.month
              ? today.year
              : today.year - 1
            : today.year;
      range = monthRange(year, month);
    }
    if (range) out.push({ text: phrase, range });
  }
  return out;
}

/** Days an event in a source sentence is dated to: absolute dates, or relative ones from the source's own date. */
function eventRanges(sentence: string, p: PreparedSource): DayRange[] {
  const out: DayRange[] = [];
  for (const d of findDates(sentence)) {
    const year = d.year ?? p.day?.year;
    if (year === undefined) continue;
    if (d.day === null) out.push(monthRange(year, d.month));
    else out.push({ from: dayNumber(year, d.month, d.day), to: dayNumber(year, d.month, d.day) });
  }
  // A bare year ("reached 134.91 trillion yuan in 2024") dates the event to that year.
  for (const y of sentence.match(/\b(?:in|for|of|during|since)\s+((?:19|20)\d{2})\b/g) ?? []) {
    out.push(yearRange(Number(y.slice(-4))));
  }
  if (p.day)
    for (const r of resolveRelative(sentence, p.day, FUTURE.test(sentence))) out.push(r.range);
  // "in October" with no year, in a dated source: the next October from the source's day.
  if (p.day) {
    for (const m of sentence.matchAll(
      /\b(?:in|for|this|by|until)\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d)/gi,
    )) {
      const month = MONTHS[(m[1] ?? "").toLowerCase()] ?? 1;
      // Looking ahead: the next such month; told in the past: the last one.
      const ahead = FUTURE.test(sentence);
      const year = ahead
        ? month >= p.day.month
          ? p.day.year
          : p.day.year + 1
        : month <= p.day.month
          ? p.day.year
          : p.day.year - 1;
      out.push(monthRange(year, month));
    }
  }
  return out;
}

function overlaps(a: DayRange, b: DayRange): boolean {
  return a.from <= b.to && b.from <= a.to;
}

function show(range: DayRange): string {
  const a = fromDayNumber(range.from);
  const b = fromDayNumber(range.to);
  const from = isoDay(a.year, a.month, a.day);
  return range.from === range.to ? from : `${from} to ${isoDay(b.year, b.month, b.day)}`;
}

/** Source sentences about the same event: sharing at least two content words besides the time phrase. */
function sameEventPassages(ctx: CheckContext, sentence: ArticleSentence, mention: RelativeMention) {
  const words = contentWords(sentence.plain.replace(mention.text, " "));
  for (const w of contentWords(mention.text)) words.delete(w);
  const out: { p: PreparedSource; text: string; score: number }[] = [];
  for (const p of evidenceFor(ctx, sentence)) {
    for (const s of p.sentences) {
      const sw = contentWords(s);
      let score = 0;
      for (const w of words) if (sw.has(w)) score++;
      // Short sentences have few words to share: one is enough when they have three or fewer.
      if (score >= Math.min(2, Math.max(1, words.size - 1))) out.push({ p, text: s, score });
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

/**
 * Check 6: a relative date ("next year's summit", "last week", "on Saturday") is resolved
 * against the publication day in the newsroom's zone and must overlap the date the sources
 * give the same event (found by shared words); the flag shows both.
 */
export const relativeDateCheck: Check = (ctx) => {
  const flags: CheckFlag[] = [];
  for (const sentence of ctx.body.sentences) {
    const mentions = resolveRelative(sentence.plain, ctx.publishedDay, FUTURE.test(sentence.plain));
    for (const mention of mentions) {
      const passages = sameEventPassages(ctx, sentence, mention);
      const dated = passages
        .map((x) => ({ ...x, ranges: eventRanges(x.text, x.p) }))
        .filter((x) => x.ranges.length > 0);
      if (dated.length === 0) continue;
      const best = dated[0]?.score ?? 0;
      const top = dated.filter((x) => x.score >= best - 1);
      if (top.some((x) => x.ranges.some((r) => overlaps(r, mention.range)))) continue;
      const first = top[0];
      if (!first) continue;
      flags.push(
        flag(
          "relative_date",
          "error",
          sentence,
          `“${mention.text}” means ${show(mention.range)} from ${isoDay(ctx.publishedDay.year, ctx.publishedDay.month, ctx.publishedDay.day)}, but the source dates it ${first.ranges.map(show).join(", ")}`,
          `[${first.p.source.id}] ${first.text}`,
        ),
      );
    }
  }
  return flags;
};
