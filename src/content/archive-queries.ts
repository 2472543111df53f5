import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import { isPublic } from "./article-queries.js";
import { zonedDateParts } from "./zoned-time.js";

export interface PublicationMonth {
  year: string;
  month: string;
  count: number;
  /** Newest update among the month's articles (UTC ISO). */
  lastModified: string;
}

/**
 * Months (in the site's zone) that have public articles, newest first. Months are cut in
 * the reader-facing zone, not UTC, so an article dated 1 August in Beijing is in August.
 */
export async function listPublicationMonths(
  db: Kysely<Tables>,
  now: string,
  timeZone: string,
): Promise<PublicationMonth[]> {
  const rows = await db
    .selectFrom("article")
    .select(["published_at", "updated_at"])
    .where(isPublic(now))
    .execute();
  const months = new Map<string, PublicationMonth>();
  for (const row of rows) {
    if (!row.published_at) continue;
    const { year, month } = zonedDateParts(row.published_at, timeZone);
    const key = `${year}-${month}`;
    const entry = months.get(key) ?? { year, month, count: 0, lastModified: row.updated_at };
    entry.count += 1;
    if (row.updated_at > entry.lastModified) entry.lastModified = row.updated_at;
    months.set(key, entry);
  }
  return [...months.values()].sort((a, b) =>
    `${b.year}${b.month}`.localeCompare(`${a.year}${a.month}`),
  );
}
