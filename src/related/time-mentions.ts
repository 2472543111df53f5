/**
 * Days of the week and months an article names ("on Thursday", "in March"), as one bit mask:
 * bits 0–6 Monday…Sunday, bits 7–18 January…December. Reports of one event name the same
 * day and month; two look-alike events (two quakes, two patches, two firings) usually do
 * not, even when every topic word matches. Only capitalised forms count, so the verb "may"
 * and "to march" are not months; abbreviations need their dot ("Dec. 11", "Sept. 3").
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
  return mask;
}

/**
 * Score multiplier for two articles' masks: per field (weekdays, months) named by both,
 * `1 + weight` when they share one and `1 - weight` when they name only different ones;
 * neutral when either names none.
 */
export function mentionFactor(a: number, b: number, weight: number): number {
  if (weight <= 0) return 1;
  let factor = 1;
  for (const field of [WEEKDAY_BITS, MONTH_BITS]) {
    const fa = a & field;
    const fb = b & field;
    if (fa === 0 || fb === 0) continue;
    factor *= (fa & fb) !== 0 ? 1 + weight : 1 - weight;
  }
  return factor;
}
