/**
 * Finds a publication date written near the top of a news text or in its URL, for corpora
 * whose records carry no date: "March 14, 2013", "18 September 2013", "Sep 18, 2013",
 * "2013-09-18", "03/14/2013", or `/2013/09/18/` in a URL. Returns an ISO date or undefined.
 *
 * @example datelineDate("Thursday, March 14, 2013 An earthquake…") // "2013-03-14"
 */
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
const YEAR = "((?:19|20)\\d\\d)";
const PATTERNS: { re: RegExp; order: "mdy" | "dmy" | "ymd" | "num-mdy" }[] = [
  {
    re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,|\\s+-+)?\\s+${YEAR}\\b`, "i"),
    order: "mdy",
  },
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+${YEAR}\\b`, "i"),
    order: "dmy",
  },
  // Tokenised sources space their separators: "2013 - 09 - 26", "14 / 09 / 2013".
  { re: new RegExp(`\\b${YEAR}\\s?([-.])\\s?(\\d\\d)\\s?\\2\\s?(\\d\\d)\\b`), order: "ymd" },
  { re: /\b(\d{1,2})\s?\/\s?(\d{1,2})\s?\/\s?((?:19|20)\d\d)\b/, order: "num-mdy" },
];

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function monthIndex(name: string | undefined): number {
  return MONTHS.indexOf((name ?? "").slice(0, 3).toLowerCase()) + 1;
}

/** The first date found in the first `window` characters of `text`. */
export function datelineDate(text: string, window = 300): string | undefined {
  const head = text.slice(0, window);
  for (const { re, order } of PATTERNS) {
    const m = head.match(re);
    if (!m) continue;
    const [, a, b, c] = m;
    if (order === "mdy") return iso(Number(c), monthIndex(a), Number(b));
    if (order === "dmy") return iso(Number(c), monthIndex(b), Number(a));
    if (order === "ymd") return iso(Number(a), Number(c), Number(m[4]));
    // Month first (US) unless the first number cannot be a month: "14/09/2013".
    return Number(a) > 12
      ? iso(Number(c), Number(b), Number(a))
      : iso(Number(c), Number(a), Number(b));
  }
  return undefined;
}

/** `…/2013/05/12/…`, `…/20130512/…` or `…-2013-05-12…` in an article URL, as an ISO date. */
export function urlDate(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  const m = url.match(
    /(?:^|[/_-])((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/,
  );
  return m ? iso(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

const TIME = /\b\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?/gi;
const WEEKDAY = /\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?/gi;
const DATELINE_WORDS =
  /\b(?:posted|updated|published|last|modified|on|at|by|am|pm|gmt|utc|et|est|edt|pt|ist)\b/gi;

/**
 * True when a paragraph is only a dateline ("Posted: May 24, 2005", "Updated: May 24, 2005,
 * 3:23 PM ET", "Reuters Sep 18, 2013, 02.16PM IST"): it names a date and, once the date,
 * times, weekdays and filler words are gone, at most a source name is left. Such a line is
 * not the article's lead.
 */
export function isDatelineOnly(paragraph: string): boolean {
  if (paragraph.length > 100 || datelineDate(paragraph) === undefined) return false;
  let rest = paragraph;
  for (const { re } of PATTERNS) rest = rest.replace(new RegExp(re.source, "gi"), " ");
  rest = rest.replace(TIME, " ").replace(WEEKDAY, " ").replace(DATELINE_WORDS, " ");
  // Left over: clock digits and zones ("1052 GMT (1852 HKT)"), at most a source's name.
  const words = (rest.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !/^\d+$|^[A-Z]{2,4}$/.test(w));
  return words.length <= 2;
}
