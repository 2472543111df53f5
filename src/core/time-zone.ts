const known = new Map<string, boolean>();

/**
 * Whether the runtime's ICU knows the IANA zone. Every zone that reaches `Intl` must pass
 * this first: `Intl.DateTimeFormat` throws a RangeError for an unknown one, and a single
 * stored bad zone would otherwise fail every page that lists the article.
 */
export function isKnownTimeZone(zone: string): boolean {
  const cached = known.get(zone);
  if (cached !== undefined) return cached;
  let ok = zone.length > 0 && zone.length <= 64;
  if (ok) {
    try {
      new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    } catch {
      ok = false;
    }
  }
  // Bounded: a hostile stream of distinct names must not grow the cache for ever.
  if (known.size < 1000) known.set(zone, ok);
  return ok;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

/**
 * Whether an ISO-8601 date or date-time names a real moment: `Date.parse` quietly rolls
 * 2026-02-30 over to 1 March, so each part is checked against the calendar instead.
 */
export function isRealCalendarDate(text: string): boolean {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return false;
  const [year, month, day, hour, minute, second, offH, offM] = m
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  if (year === undefined || month === undefined || day === undefined) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return false;
  return (offH ?? 0) <= 14 && (offM ?? 0) <= 59;
}
