import type { Selectable } from "kysely";
import type { TrendState, TrendTopicTable } from "../db/schema.js";

/** The per-topic facts kept on `trend_topic`, derived from its points. */
export type TopicStats = Pick<
  Selectable<TrendTopicTable>,
  | "first_seen_at"
  | "last_seen_at"
  | "run_started_at"
  | "seconds_on_list"
  | "snapshot_count"
  | "peak_rank"
  | "peak_heat"
  | "last_rank"
  | "previous_rank"
  | "last_heat"
  | "last_label"
  | "state"
>;

/** A topic's row in one list snapshot. */
export interface Sighting {
  capturedAt: string;
  rank: number;
  heat: number | null;
  label: string;
}

/**
 * The list snapshot just before the sighting's one: its time, and the topic's rank in it
 * (null when the topic was not on it). Null altogether for the very first snapshot.
 */
export interface PreviousPresence {
  capturedAt: string;
  rank: number | null;
}

/**
 * Advances a topic by one snapshot in time order. Time on the list accrues only between two
 * consecutive snapshots that both list the topic, so gaps in polling are never counted.
 * State: `new` on (re-)entry, then `rising` / `falling` / `steady` against the previous rank.
 */
export function advanceTopic(
  current: TopicStats | null,
  sighting: Sighting,
  previous: PreviousPresence | null,
): TopicStats {
  const prevRank = previous?.rank ?? null;
  const wasThere = previous !== null && prevRank !== null;
  const gap = wasThere
    ? Math.max(
        0,
        Math.round((Date.parse(sighting.capturedAt) - Date.parse(previous.capturedAt)) / 1000),
      )
    : 0;
  const state: TrendState =
    prevRank === null
      ? "new"
      : sighting.rank < prevRank
        ? "rising"
        : sighting.rank > prevRank
          ? "falling"
          : "steady";
  return {
    first_seen_at: minIso(current?.first_seen_at, sighting.capturedAt),
    last_seen_at: maxIso(current?.last_seen_at, sighting.capturedAt),
    run_started_at: wasThere
      ? (current?.run_started_at ?? previous.capturedAt)
      : sighting.capturedAt,
    seconds_on_list: (current?.seconds_on_list ?? 0) + gap,
    snapshot_count: (current?.snapshot_count ?? 0) + 1,
    peak_rank: minNumber(current?.peak_rank ?? null, sighting.rank),
    peak_heat: maxNumber(current?.peak_heat ?? null, sighting.heat),
    last_rank: sighting.rank,
    previous_rank: prevRank,
    last_heat: sighting.heat,
    last_label: sighting.label,
    state,
  };
}

/** The topic dropped off: it was on the previous snapshot and is not on the latest. */
export function markGone(current: TopicStats): TopicStats {
  return { ...current, state: "gone", run_started_at: null };
}

/**
 * Recomputes a topic from all its sightings against the full list timeline (sorted snapshot
 * times). Used after an out-of-order import; gives what in-order ingestion would have given.
 */
export function rebuildTopic(
  sightings: (Sighting & { index: number })[],
  timeline: string[],
  seed?: Pick<TopicStats, "first_seen_at" | "last_seen_at">,
): TopicStats | null {
  const ordered = [...sightings].sort((a, b) => a.index - b.index);
  let stats: TopicStats | null = null;
  let last: (Sighting & { index: number }) | null = null;
  for (const s of ordered) {
    const prevTime = s.index > 0 ? timeline[s.index - 1] : undefined;
    const previous: PreviousPresence | null =
      prevTime === undefined
        ? null
        : { capturedAt: prevTime, rank: last && last.index === s.index - 1 ? last.rank : null };
    stats = advanceTopic(stats, s, previous);
    last = s;
  }
  if (!stats || !last) return null;
  if (last.index < timeline.length - 1) stats = markGone(stats);
  if (seed) {
    stats.first_seen_at = minIso(seed.first_seen_at, stats.first_seen_at);
    stats.last_seen_at = maxIso(seed.last_seen_at, stats.last_seen_at);
  }
  return stats;
}

function minIso(a: string | undefined, b: string): string {
  return a !== undefined && a < b ? a : b;
}
function maxIso(a: string | undefined, b: string): string {
  return a !== undefined && a > b ? a : b;
}
function minNumber(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
function maxNumber(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
