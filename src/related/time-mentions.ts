/**
 * Days of the week, months and years an article names ("on Thursday", "in March 2013"), as
 * one integer of three bit fields: bits 0–6 Monday…Sunday, bits 7–18 January…December, and
 * above them one bit per year (year mod 32; 1900–2099). Reports of one event name the same
 * day, month and year; two look-alike events (two quakes, two patches, two firings) usually
 * do not, even when every topic word matches. Only capitalised forms count, so the verb
 * "may" and "to march" are not months; abbreviations need their dot ("Dec. 11", "Sept. 3").
 *
 * @example mentionMask("The quake struck on Sunday, March 9.") // Sunday bit | March bit
 */
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH_ABBREVIATIONS = [
  "jan",
  "feb",
  "mar",
  "apr",
  "",
  "jun",
  "jul",
  "aug",
  "sept",
  "oct",
  "nov",
  "dec",
];
export const WEEKDAY_BITS = 0x7f;
export const MONTH_BITS = 0xfff << 7;
/** The year field starts above the 19 day and month bits (kept exact below 2^53). */
const YEAR_UNIT = 2 ** 19;
const YEAR = /\b(?:19|20)\d\d\b/g;

const BIT = new Map<string, number>();
for (const [i, d] of WEEKDAYS.entries()) BIT.set(d, 1 << i);
for (const [i, m] of MONTHS.entries()) BIT.set(m, 1 << (7 + i));
for (const [i, m] of MONTH_ABBREVIATIONS.entries()) if (m) BIT.set(`${m}.`, 1 << (7 + i));
BIT.set("sep.", 1 << 15);

const CANDIDATE = /\b\p{Lu}\p{L}{2,8}\b\.?/gu;

export function mentionMask(text: string): number {
  let mask = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    const word = m[0].toLowerCase();
    const bit = BIT.get(word) ?? BIT.get(word.endsWith(".") ? word.slice(0, -1) : "");
    if (bit !== undefined) mask |= bit;
  }
  let years = 0;
  for (const m of text.matchAll(YEAR)) years |= 1 << (Number(m[0]) % 32);
  return mask + (years >>> 0) * YEAR_UNIT;
}

/**
 * How many of the fields (weekdays, months, years) both masks name that they agree on
 * (`shared`, share a value) or not (`differ`, name only different ones).
 */
export function mentionAgreement(a: number, b: number): { shared: number; differ: number } {
  let shared = 0;
  let differ = 0;
  const lowA = a % YEAR_UNIT;
  const lowB = b % YEAR_UNIT;
  const fields: [number, number][] = [
    [lowA & WEEKDAY_BITS, lowB & WEEKDAY_BITS],
    [lowA & MONTH_BITS, lowB & MONTH_BITS],
    [Math.floor(a / YEAR_UNIT), Math.floor(b / YEAR_UNIT)],
  ];
  for (const [x, y] of fields) {
    if (x === 0 || y === 0) continue;
    if ((x & y) !== 0) shared++;
    else differ++;
  }
  return { shared, differ };
}
