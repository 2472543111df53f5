import { type FetchFailure, failure } from "./fetch-failure.js";
import type { ParsedList, TrendRow } from "./trend-row.js";

/** Bounds of a real list: Weibo shows 50 ranked rows; anything far off is not the list. */
export const MIN_RANKED = 40;
export const MAX_RANKED = 60;
/**
 * Pinned and advert rows a list may carry beside its ranked rows. Weibo shows one or two
 * pinned rows and a few adverts; thousands of them are not a hot-search list, and storing
 * them would bloat the payload archive and every later reparse.
 */
export const MAX_UNRANKED = 20;
/** How far ahead of our clock a capture time may be (clock skew between machines). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Why a capture time cannot be stored, or undefined. A time beyond the clock would become
 * the "latest" list on /trends until real time caught up with it, so it is refused.
 */
export function captureTimeProblem(capturedAt: Date, now: Date): string | undefined {
  if (Number.isNaN(capturedAt.getTime())) return "the capture time is not a real time";
  if (capturedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    return `capture time ${capturedAt.toISOString()} is in the future (now ${now.toISOString()})`;
  }
  return undefined;
}

/** A list that passed every check and may be stored. */
export interface ValidList {
  ok: true;
  /** Ranked rows ordered 1..N. */
  ranked: TrendRow[];
  pinned: TrendRow[];
  ads: TrendRow[];
  generatedAt: Date | null;
}

/**
 * The gate before storage: 40–60 ranked rows, ranks exactly 1..N, each topic once.
 * A list that fails is a failed fetch with its reason; nothing of it is stored.
 */
export function validateList(list: ParsedList): ValidList | FetchFailure {
  const ranked = list.rows.filter((r) => r.kind === "ranked");
  if (ranked.length === 0) return failure("empty_list", "no ranked rows");
  if (ranked.length < MIN_RANKED || ranked.length > MAX_RANKED) {
    return failure(
      "row_count",
      `${ranked.length} ranked rows, expected ${MIN_RANKED}–${MAX_RANKED}`,
    );
  }
  const unranked = list.rows.length - ranked.length;
  if (unranked > MAX_UNRANKED) {
    return failure(
      "row_count",
      `${ranked.length} ranked rows with ${unranked} advert or pinned rows, expected at most ${MAX_UNRANKED}`,
    );
  }
  const sorted = [...ranked].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  for (let i = 0; i < sorted.length; i++) {
    const rank = sorted[i]?.rank;
    if (rank !== i + 1) {
      return failure("rank_gap", `expected rank ${i + 1}, found ${rank ?? "none"}`);
    }
  }
  const words = new Set<string>();
  for (const row of sorted) {
    if (row.word === "") return failure("shape", `rank ${row.rank} has no topic word`);
    if (words.has(row.word)) return failure("duplicate_topic", `"${row.word}" ranked twice`);
    words.add(row.word);
  }
  return {
    ok: true,
    ranked: sorted,
    pinned: list.rows.filter((r) => r.kind === "pinned"),
    ads: list.rows.filter((r) => r.kind === "ad"),
    generatedAt: list.generatedAt,
  };
}
