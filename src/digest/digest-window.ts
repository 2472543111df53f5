import { toUtcIso } from "../content/zoned-time.js";
import type { DigestEdition } from "../db/schema.js";

/** The instants an issue covers: local midnight to local midnight in the digest zone. */
export interface DigestWindow {
  edition: DigestEdition;
  /** Last local day covered, `YYYY-MM-DD`. */
  day: string;
  /** First local day covered (the same day for a daily issue, six days earlier for a weekly). */
  firstDay: string;
  timeZone: string;
  /** UTC ISO, inclusive. */
  start: string;
  /** UTC ISO, exclusive. */
  end: string;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `day` is a real calendar date written `YYYY-MM-DD`. */
export function isDay(day: string): boolean {
  const m = DAY_PATTERN.exec(day);
  if (!m) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** The calendar day `offset` days from `day` (plain calendar arithmetic, no zone). */
export function addDays(day: string, offset: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

/** The local calendar day of an instant in a zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/** Day of the week (0 Sunday) of a calendar day. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function digestWindow(edition: DigestEdition, day: string, timeZone: string): DigestWindow {
  if (!isDay(day)) throw new Error(`not a day: ${day}`);
  const firstDay = edition === "weekly" ? addDays(day, -6) : day;
  return {
    edition,
    day,
    firstDay,
    timeZone,
    start: toUtcIso(firstDay, timeZone),
    end: toUtcIso(addDays(day, 1), timeZone),
  };
}
