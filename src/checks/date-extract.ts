/**
 * Calendar dates written in English or Chinese: "June 30, 2019", "30 June 2019", "Jun. 30",
 * "2019-06-30", "2019年6月30日", "6月30日", "June 2019", with the weekday written beside them
 * ("Sunday, June 30"). Days are plain `{ year, month, day }` in the writer's calendar: no
 * time zone is involved until a relative phrase is resolved.
 */
export interface DateMention {
  year: number | null;
  month: number;
  /** Null for "June 2019". */
  day: number | null;
  /** 0 = Sunday … 6 = Saturday, when written beside the date. */
  weekday: number | null;
  text: string;
  start: number;
  end: number;
}

export const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

export const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};
const ZH_WEEKDAYS: Record<string, number> = {
  日: 0,
  天: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
};

const MONTH_NAME =
  "(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)";
const WEEKDAY_NAME = "(?:(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday),?\\s+)?";

const MDY = new RegExp(
  `\\b${WEEKDAY_NAME}${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*(?:-|–|to|and)\\s*\\d{1,2})?\\b(?:,?\\s+(\\d{4})\\b)?`,
  "g",
);
const DMY = new RegExp(
  `\\b${WEEKDAY_NAME}(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_NAME}\\b(?:,?\\s+(\\d{4})\\b)?`,
  "g",
);
const MONTH_YEAR = new RegExp(
  `\\b(?:in|of|since|until|by|from)?\\s*${MONTH_NAME}\\s+(\\d{4})\\b`,
  "g",
);
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const ZH =
  /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号](?:[（(]?(?:星期|周)([日天一二三四五六])[)）]?)?/g;
const ZH_MONTH_YEAR = /(\d{4})年(\d{1,2})月(?!\d)/g;

function monthOf(name: string): number {
  return MONTHS[name.toLowerCase().replace(/\.$/, "")] ?? 0;
}

function valid(year: number | null, month: number, day: number | null): boolean {
  if (month < 1 || month > 12) return false;
  if (day === null) return true;
  if (day < 1 || day > 31) return false;
  if (year === null)
    return day <= ([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31);
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1;
}

export function findDates(text: string): DateMention[] {
  const out: DateMention[] = [];
  const taken: [number, number][] = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  const add = (mention: DateMention) => {
    if (overlaps(mention.start, mention.end)) return;
    if (!valid(mention.year, mention.month, mention.day)) return;
    taken.push([mention.start, mention.end]);
    out.push(mention);
  };
  const weekday = (w: string | undefined) => (w ? (WEEKDAYS[w.toLowerCase()] ?? null) : null);
  for (const m of text.matchAll(ISO)) {
    const start = m.index ?? 0;
    add({
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      weekday: null,
      text: m[0],
      start,
      end: start + m[0].length,
    });
  }
  for (const m of text.matchAll(MDY)) {
    const start = m.index ?? 0;
    // "May" is also a verb: take it only with a year or a weekday, or capitalised mid-sentence with a day.
    add({
      year: m[4] ? Number(m[4]) : null,
      month: monthOf(m[2] ?? ""),
      day: Number(m[3]),
      weekday: weekday(m[1]),
      text: m[0],
      start,
      end: start + m[0].length,
    });
  }
  for (const m of text.matchAll(DMY)) {
    const start = m.index ?? 0;
    add({
      year: m[4] ? Number(m[4]) : null,
      month: monthOf(m[3] ?? ""),
      day: Number(m[2]),
      weekday: weekday(m[1]),
      text: m[0],
      start,
      end: start + m[0].length,
    });
  }
  for (const m of text.matchAll(MONTH_YEAR)) {
    const start = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    add({
      year: Number(m[2]),
      month: monthOf(m[1] ?? ""),
      day: null,
      weekday: null,
      text: m[0].trim(),
      start,
      end: (m.index ?? 0) + m[0].length,
    });
  }
  for (const m of text.matchAll(ZH)) {
    const start = m.index ?? 0;
    add({
      year: m[1] ? Number(m[1]) : null,
      month: Number(m[2]),
      day: Number(m[3]),
      weekday: m[4] ? (ZH_WEEKDAYS[m[4]] ?? null) : null,
      text: m[0],
      start,
      end: start + m[0].length,
    });
  }
  for (const m of text.matchAll(ZH_MONTH_YEAR)) {
    const start = m.index ?? 0;
    add({
      year: Number(m[1]),
      month: Number(m[2]),
      day: null,
      weekday: null,
      text: m[0],
      start,
      end: start + m[0].length,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Weekday of a calendar day, 0 = Sunday. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** `YYYY-MM-DD` of a calendar day. */
export function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The calendar day of an instant in a zone. */
export function localDay(
  iso: string,
  timeZone: string,
): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date(iso));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { year: get("year"), month: get("month"), day: get("day") };
}

/** Days from 1970-01-01 of a calendar day: for ranges and distances. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function fromDayNumber(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
