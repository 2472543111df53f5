import type { Config } from "../config/env.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/log.js";
import type { Database } from "../db/database.js";
import type { ResearchSourceKind } from "../db/schema.js";

/** One stored, immutable source version as the drafting stages and the checks read it. */
export interface StoredSource {
  id: number;
  url: string;
  outlet: string;
  language: string;
  title: string;
  /** ISO-8601 UTC, or null when the outlet gives no date. */
  publishedAt: string | null;
  retrievedAt: string;
  text: string;
  contentHash: string;
  kind: ResearchSourceKind;
}

/** A fetch or parse that gave no source, with a reason an editor can act on. */
export interface SourceProblem {
  url: string;
  reason: string;
}

/** What research needs: the database, the settings, a clock and a logger. */
export interface ResearchDeps {
  database: Database;
  config: Config;
  clock: Clock;
  log: Logger;
}

/** A source before it is stored. */
export interface SourceDraft {
  url: string;
  outlet: string;
  language: string;
  title: string;
  publishedAt: string | null;
  text: string;
  kind: ResearchSourceKind;
}
