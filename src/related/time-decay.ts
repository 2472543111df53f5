/**
 * Time signals: how close two articles' dates are, and how fresh a candidate is. Both are
 * exponential decays with a half-life in days, blended into a multiplier
 * `1 - weight + weight * decay`, so weight 0 switches a signal off. A candidate without a date
 * is neither fresh nor stale (recency 1); for proximity see `proximityFactor`.
 */
export interface DecayOptions {
  /** Days after which the decay has halved. */
  halfLifeDays: number;
  /** 0…1: how much of the score the signal can take away. */
  weight: number;
}

const MS_PER_DAY = 86_400_000;

/** Days since the Unix epoch of an ISO date or date-time; NaN when absent or unparsable. */
export function toEpochDays(iso: string | undefined | null): number {
  if (!iso) return Number.NaN;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NaN : ms / MS_PER_DAY;
}

/** 2^(-|Δ|/halfLife): 1 for the same instant, 0.5 one half-life apart. */
export function halfLifeDecay(deltaDays: number, halfLifeDays: number): number {
  if (!Number.isFinite(deltaDays) || halfLifeDays <= 0) return 1;
  // exp, not 2 ** x: the same value, several times cheaper, and re-ranking calls it per pair.
  return Math.exp((-Math.abs(deltaDays) * Math.LN2) / halfLifeDays);
}

/**
 * Score multiplier for the distance between two articles' dates (in epoch days). Closeness
 * earns the score back only when it is shown: with one date unknown the pair counts as
 * `missing` of the way to the far end (default all the way). With neither known every such
 * pair is alike and the factor is 1.
 */
export function proximityFactor(
  aDays: number,
  bDays: number,
  options: DecayOptions,
  missing = 1,
): number {
  if (options.weight <= 0) return 1;
  const aMissing = Number.isNaN(aDays);
  const bMissing = Number.isNaN(bDays);
  if (aMissing && bMissing) return 1;
  if (aMissing || bMissing) return 1 - options.weight * missing;
  return 1 - options.weight + options.weight * halfLifeDecay(aDays - bDays, options.halfLifeDays);
}

/** Score multiplier for a candidate's age at `nowDays`; articles from the future count as new. */
export function recencyFactor(
  candidateDays: number,
  nowDays: number,
  options: DecayOptions,
): number {
  if (Number.isNaN(candidateDays) || Number.isNaN(nowDays) || options.weight <= 0) return 1;
  const age = Math.max(0, nowDays - candidateDays);
  return 1 - options.weight + options.weight * halfLifeDecay(age, options.halfLifeDays);
}
