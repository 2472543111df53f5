import { readFile } from "node:fs/promises";
import type { Clock } from "../core/clock.js";
import { systemClock } from "../core/clock.js";
import type { Database } from "../db/database.js";
import { importCapture } from "./backfill-import.js";
import { readHealth, recentFetches } from "./source-health.js";
import { LIVE_SOURCES } from "./trend-row.js";

export interface CliOutput {
  write(text: string): unknown;
}

const USAGE = "usage: resou trends import <files…> [--captured-at <ISO-8601 time>]\n";

/**
 * `resou trends import <files…> [--captured-at T]`: imports captured lists in the given
 * order. Exit code 0 when every file was stored or already present, 1 when any was
 * rejected, 2 on bad usage.
 */
export async function runTrendsImport(
  database: Database,
  argv: string[],
  output: CliOutput,
  clock: Clock = systemClock,
): Promise<number> {
  const files: string[] = [];
  let capturedAt: Date | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--captured-at" || arg.startsWith("--captured-at=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      const at =
        value && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(Number.NaN);
      if (Number.isNaN(at.getTime())) {
        output.write(
          `--captured-at needs an ISO-8601 time such as 2025-08-26T12:28:00+08:00\n${USAGE}`,
        );
        return 2;
      }
      capturedAt = at;
    } else if (arg.startsWith("--")) {
      output.write(`unknown option ${arg}\n${USAGE}`);
      return 2;
    } else files.push(arg);
  }
  if (files.length === 0) {
    output.write(USAGE);
    return 2;
  }
  let rejected = 0;
  for (const name of files) {
    let body: string;
    try {
      body = await readFile(name, "utf8");
    } catch (error) {
      rejected++;
      output.write(
        `${name}: unreadable (${error instanceof Error ? error.message : String(error)})\n`,
      );
      continue;
    }
    const result = await importCapture(
      database.db,
      capturedAt ? { name, body, capturedAt } : { name, body },
      clock.now(),
    );
    if (result.status === "rejected") {
      rejected++;
      output.write(`${name}: rejected (${result.reason}: ${result.detail})\n`);
    } else {
      output.write(
        `${name}: ${result.status} ${result.kind} #${result.snapshotId} from ${result.source} at ${result.capturedAt}\n`,
      );
    }
  }
  output.write(`${files.length - rejected} imported, ${rejected} rejected\n`);
  return rejected > 0 ? 1 : 0;
}

/** `resou trends status`: source health, the latest snapshot and recent fetch attempts. */
export async function runTrendsStatus(
  database: Database,
  argv: string[],
  output: CliOutput,
): Promise<number> {
  if (argv.length > 0) {
    output.write("usage: resou trends status\n");
    return 2;
  }
  const health = await readHealth(database.db, LIVE_SOURCES);
  output.write(
    "source          last success              last failure              fails  reason\n",
  );
  for (const h of health) {
    output.write(
      `${h.source.padEnd(16)}${(h.lastSuccessAt ?? "never").padEnd(26)}${(h.lastFailureAt ?? "never").padEnd(26)}${String(h.consecutiveFailures).padStart(5)}  ${h.lastFailureReason}${h.lastFailureDetail ? ` (${h.lastFailureDetail})` : ""}\n`,
    );
  }
  const latest = await database.db
    .selectFrom("trend_snapshot")
    .select(["id", "source", "captured_at", "ranked_count"])
    .where("kind", "=", "list")
    .orderBy("captured_at", "desc")
    .limit(1)
    .executeTakeFirst();
  const counts = await database.db
    .selectFrom("trend_topic")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  output.write(
    latest
      ? `latest snapshot #${latest.id} from ${latest.source} at ${latest.captured_at}, ${latest.ranked_count} ranked rows; ${Number(counts.n)} topics known\n`
      : "no snapshot stored yet\n",
  );
  const fetches = await recentFetches(database.db, 5);
  for (const f of fetches) {
    output.write(
      `  ${f.started_at} ${f.source} try ${f.attempt}: ${f.reason}${f.http_status ? ` HTTP ${f.http_status}` : ""} ${f.detail}\n`,
    );
  }
  return 0;
}
