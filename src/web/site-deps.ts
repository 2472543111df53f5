import type { ChangeFeed } from "../changes/change-feed.js";
import type { Config } from "../config/env.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/log.js";
import type { Database } from "../db/database.js";
import type { MediaStore } from "../media/storage/media-store.js";
import type { CategoryMemo } from "./category-memo.js";
import type { PageCache } from "./page-cache/page-cache.js";

/** Everything the web role needs, passed in so tests choose the database and the clock. */
export interface SiteDeps {
  database: Database;
  config: Config;
  clock: Clock;
  log: Logger;
  /**
   * Every committed write that pages show, from any process (page cache, feeds). Writers
   * that must be visible when they return call `changes.settle` after their commit.
   */
  changes: ChangeFeed;
  /** Rendered public pages kept in memory (absent: every request renders). */
  pageCache?: PageCache;
  /** Categories kept in memory between settings changes (absent: read on every page). */
  categories?: CategoryMemo;
  /** Where uploaded images are kept; the disk store under the data folder when absent. */
  media?: MediaStore;
}
