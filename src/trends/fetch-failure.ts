/**
 * Why a fetch produced no snapshot. Each reason is recorded with the attempt; none of them
 * changes anything but the fetch log and the source's health.
 */
export const FAILURE_REASONS = [
  "blocked",
  "http_error",
  "visitor_system",
  "login_required",
  "not_ok",
  "wrong_content_type",
  "truncated",
  "invalid_json",
  "shape",
  "empty_list",
  "row_count",
  "rank_gap",
  "duplicate_topic",
  "timeout",
  "network",
  "redirect_loop",
  "too_large",
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export interface FetchFailure {
  ok: false;
  reason: FailureReason;
  /** Short operator-facing explanation, e.g. `HTTP 432` or `ranks 1..49, missing 17`. */
  detail: string;
  httpStatus: number | null;
}

export function failure(
  reason: FailureReason,
  detail: string,
  httpStatus: number | null = null,
): FetchFailure {
  return { ok: false, reason, detail, httpStatus };
}

/**
 * Transient faults are worth another try after a pause; anti-bot answers and bad content are
 * not: retrying them only hammers the endpoint, so the poller fails over instead.
 */
export function isRetryable(reason: FailureReason): boolean {
  return (
    reason === "timeout" ||
    reason === "network" ||
    reason === "http_error" ||
    reason === "truncated"
  );
}
