import type { Config } from "../config/env.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/log.js";
import type { Database } from "../db/database.js";

/** Called after a public article changed (published, edited, unpublished, corrected). */
export type ArticleChangeListener = (change: {
  articleId: number;
  slug: string;
  type: string;
}) => Promise<void>;

/** Everything the web role needs, passed in so tests choose the database and the clock. */
export interface SiteDeps {
  database: Database;
  config: Config;
  clock: Clock;
  log: Logger;
  /** Work that must finish before a publishing action returns (related lists, caches). */
  articleListeners?: ArticleChangeListener[];
}
