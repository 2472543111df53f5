import { dirname, join, resolve } from "node:path";
import type { Config } from "../config/env.js";

/**
 * The folder uploaded media is kept in: `DATA_DIR/media`, else `media/` beside the SQLite
 * file, else `./data/media` (PostgreSQL keeps no file of its own to sit beside).
 */
export function mediaRoot(config: Pick<Config, "DATA_DIR" | "DATABASE_URL">): string {
  if (config.DATA_DIR) return resolve(config.DATA_DIR, "media");
  if (config.DATABASE_URL.startsWith("sqlite:")) {
    const file = config.DATABASE_URL.slice("sqlite:".length);
    if (file !== ":memory:") return resolve(dirname(file), "media");
  }
  return resolve(join("data", "media"));
}
