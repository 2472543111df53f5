/**
 * Resolves a date or date-time written by a person into a UTC instant. A bare date or a
 * time without offset is read as wall-clock time in the article's zone, which is how a
 * desk in Beijing writes "2025-08-26".
 */
export function toUtcIso(value: string, timeZone: string): string {
  const text = value.trim().replace(" ", "T");
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(text)) return new Date(text).toISOString();
  const local = text.length === 10 ? `${text}T00:00:00` : text;
  const asUtc = new Date(`${local}Z`);
  // The zone's offset at that instant, found by formatting; a second pass settles DST edges.
  let guess = asUtc.getTime() - offsetMinutes(asUtc, timeZone) * 60_000;
  guess = asUtc.getTime() - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess).toISOString();
}

type FormatKind = "parts" | "long" | "short";
const FORMAT_OPTIONS: Record<FormatKind, [string, Intl.DateTimeFormatOptions]> = {
  parts: [
    "en-US",
    {
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    },
  ],
  long: ["en-GB", { day: "numeric", month: "long", year: "numeric" }],
  short: ["en-GB", { day: "numeric", month: "short", year: "numeric" }],
};
const formatters = new Map<string, Intl.DateTimeFormat>();
const FORMATTER_LIMIT = 200;

/**
 * One formatter per kind and zone, kept. Building an `Intl.DateTimeFormat` costs ~1 ms and
 * native ICU memory, and a home page formats dozens of dates: making one per call was a
 * large share of each page's CPU under load (issue 12, finding 5); formatting with a kept
 * one costs microseconds. Bounded, because zones come from stored articles.
 */
function formatter(kind: FormatKind, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  const hit = formatters.get(key);
  if (hit) return hit;
  const [locale, options] = FORMAT_OPTIONS[kind];
  const made = new Intl.DateTimeFormat(locale, { ...options, timeZone });
  if (formatters.size >= FORMATTER_LIMIT) formatters.delete(formatters.keys().next().value ?? "");
  formatters.set(key, made);
  return made;
}

/** Minutes the zone is ahead of UTC at the given instant. */
export function offsetMinutes(at: Date, timeZone: string): number {
  const parts = formatter("parts", timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** ISO-8601 with the zone's offset, e.g. `2025-08-26T00:00:00+08:00`, for feeds and JSON-LD. */
export function toZonedIso(utcIso: string, timeZone: string): string {
  const at = new Date(utcIso);
  const offset = offsetMinutes(at, timeZone);
  const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${local}${sign}${hh}:${mm}`;
}

/** "26 August 2025": the dateline form. */
export function formatLongDate(utcIso: string, timeZone: string): string {
  return formatter("long", timeZone).format(new Date(utcIso));
}

/** "26 Aug 2025": the form used in lists. */
export function formatShortDate(utcIso: string, timeZone: string): string {
  return formatter("short", timeZone).format(new Date(utcIso)).replace("Sept", "Sep");
}

/** Year, month and day of the instant in the zone, for date archives. */
export function zonedDateParts(utcIso: string, timeZone: string) {
  const local = toZonedIso(utcIso, timeZone);
  return { year: local.slice(0, 4), month: local.slice(5, 7), day: local.slice(8, 10) };
}
