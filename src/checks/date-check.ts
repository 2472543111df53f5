import {
  type Check,
  closestPassage,
  evidenceFor,
  flag,
  type PreparedSource,
} from "./check-context.js";
import type { CheckFlag } from "./check-types.js";
import { type DateMention, findDates, weekdayOf } from "./date-extract.js";
import { contentWords } from "./text-normalise.js";

const WEEKDAY_NAMES = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];

/** A source date, its year filled from the source's own publication when it gives none. */
function sourceDates(p: PreparedSource): DateMention[] {
  return p.dates.map((d) =>
    d.year === null && p.day ? { ...d, year: yearNear(d.month, p.day) } : d,
  );
}

/** A month without a year in a dated source: the year that puts it nearest the source. */
function yearNear(month: number, day: { year: number; month: number }): number {
  if (month - day.month > 6) return day.year - 1;
  if (day.month - month > 6) return day.year + 1;
  return day.year;
}

export function dateSupported(
  mention: DateMention,
  dates: readonly DateMention[],
  fallbackYear: number,
): boolean {
  return dates.some((s) => {
    if (s.month !== mention.month) return false;
    const sy = s.year;
    const my = mention.year;
    if (mention.day === null) return my === null || sy === null || sy === my;
    if (s.day !== mention.day) return false;
    if (my === null || sy === null) return true;
    return sy === my || (my === fallbackYear && sy === null);
  });
}

/**
 * Check 2 (dates): every calendar date in a sentence is in the text it cites, whatever the
 * format; a weekday written beside a date must be that date's weekday.
 */
export const dateCheck: Check = (ctx) => {
  const flags: CheckFlag[] = [];
  for (const sentence of ctx.body.sentences) {
    const mentions = findDates(sentence.plain);
    if (mentions.length === 0) continue;
    const sources = evidenceFor(ctx, sentence);
    const dates = sources.flatMap(sourceDates);
    for (const mention of mentions) {
      if (mention.weekday !== null && mention.day !== null) {
        const year = mention.year ?? ctx.publishedDay.year;
        const actual = weekdayOf(year, mention.month, mention.day);
        if (actual !== mention.weekday) {
          flags.push(
            flag(
              "date",
              "error",
              sentence,
              `${mention.text.trim()}: that day was a ${WEEKDAY_NAMES[actual]}, not a ${WEEKDAY_NAMES[mention.weekday]}`,
            ),
          );
          continue;
        }
      }
      if (sources.length === 0) continue;
      if (dateSupported(mention, dates, ctx.publishedDay.year)) continue;
      // The day of publication, the article's or a cited source's, needs no other support.
      const days = [ctx.publishedDay, ...sources.map((p) => p.day)];
      if (
        days.some(
          (d) =>
            d &&
            d.month === mention.month &&
            (mention.day === null || d.day === mention.day) &&
            (mention.year === null || d.year === mention.year),
        )
      )
        continue;
      flags.push(
        flag(
          "date",
          "error",
          sentence,
          `The date “${mention.text.trim()}” is not in the cited text`,
          closestPassage(sources, contentWords(sentence.plain)),
        ),
      );
    }
  }
  return flags;
};
