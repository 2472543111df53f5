const MS_PER_DAY = 86_400_000;

/** Days since the Unix epoch of an ISO date or date-time; NaN when absent or unparsable. */
export function toEpochDays(iso: string | undefined | null): number {
  if (!iso) return Number.NaN;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NaN : ms / MS_PER_DAY;
}
