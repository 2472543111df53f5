import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import { prepareListCapture } from "./backfill-import.js";
import { ingestSnapshots, type SnapshotInput } from "./snapshot-store.js";

/** The recorded day of real hot-search lists shipped with Resou (see its README). */
export const REPLAY_DIR = fileURLToPath(
  new URL("../../demo/trends/weibo-2025-08-26/", import.meta.url),
);

export interface ReplayReport {
  /** Lists written now. */
  stored: number;
  /** Lists that were already stored (a second load adds nothing). */
  duplicate: number;
  /** Capture times of the first and last list, UTC ISO. */
  from: string;
  to: string;
}

/**
 * Loads the recorded day through the same recognition, validation and storage as
 * `resou trends import`, every list marked as a replay, all in one transaction. A file that
 * fails validation aborts the load: the shipped day is known good, so that is a bug.
 */
export async function loadTrendReplay(
  db: Kysely<Tables>,
  now: Date,
  dir: string = REPLAY_DIR,
): Promise<ReplayReport> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  if (names.length === 0) throw new Error(`no recorded hot-search lists in ${dir}`);
  const inputs: SnapshotInput[] = [];
  for (const name of names) {
    const body = await readFile(join(dir, name), "utf8");
    const prepared = prepareListCapture({ name, body, replay: true }, now);
    if ("status" in prepared) {
      throw new Error(`${name}: rejected (${prepared.reason}: ${prepared.detail})`);
    }
    inputs.push(prepared);
  }
  const results = await ingestSnapshots(db, inputs, now);
  const times = inputs.map((i) => i.capturedAt.toISOString()).sort();
  return {
    stored: results.filter((r) => r.status === "stored").length,
    duplicate: results.filter((r) => r.status === "duplicate").length,
    from: times[0] ?? "",
    to: times.at(-1) ?? "",
  };
}
