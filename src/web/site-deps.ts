import type { ChangeFeed } from "../changes/change-feed.js";
import type { Config } from "../config/env.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/log.js";
import type { Database } from "../db/database.js";

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
}
