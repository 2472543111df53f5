import type { Database } from "../../src/db/database.js";
import { ingestCapture } from "../../src/trends/testing/ingest-capture.js";
import {
  type DerivedCapture,
  derivedCaptures,
  mWeiboCnCaptures,
} from "../../src/trends/testing/weibo-fixtures.js";

/** The day the fixture captures cover (all 22 hourly m.weibo.cn lists, Beijing time). */
export const FIXTURE_DAY = "2025-08-26";

/** Stores the 22 real captures of 2025-08-26 through the trends ingest path. */
export async function storeFixtureDay(database: Database): Promise<void> {
  for (const capture of mWeiboCnCaptures()) await ingestCapture(database, capture.body);
}

/** The research helper's independent extraction of the same captures: expected values. */
export function fixtureCaptures(): DerivedCapture[] {
  return derivedCaptures();
}
