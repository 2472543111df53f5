import { type FetchFailure, failure, isRetryable } from "./fetch-failure.js";
import { httpGet } from "./http-get.js";
import { type ValidList, validateList } from "./snapshot-validate.js";
import {
  isFailure,
  isVisitorPage,
  type SourceSettings,
  type TrendSource,
} from "./sources/trend-source.js";

/** A payload that passed every check: ready for `ingestSnapshot`. */
export interface AcceptedPayload {
  ok: true;
  list: ValidList;
  body: string;
  contentType: string;
  httpStatus: number;
}

export interface AttemptRecord {
  attempt: number;
  startedAt: Date;
  durationMs: number;
  outcome: AcceptedPayload | FetchFailure;
}

export interface RetryOptions {
  attempts: number;
  timeoutMs: number;
  /** First pause; doubles each retry, capped at `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected so tests run fast and deterministic. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
  onAttempt?: (record: AttemptRecord) => Promise<void> | void;
}

/** Fetch, check status and content type, parse and validate one answer of one source. */
export async function fetchSource(
  source: TrendSource,
  settings: SourceSettings,
  timeoutMs: number,
): Promise<AcceptedPayload | FetchFailure> {
  const answer = await httpGet(source.request(settings), { timeoutMs });
  if (!answer.ok) return answer;
  const type = answer.contentType.toLowerCase();
  const expected = source.contentType === "json" ? type.includes("json") : type.includes("html");
  if (!expected) {
    if (isVisitorPage(answer.body))
      return failure("visitor_system", "Sina Visitor System page", answer.status);
    return failure(
      "wrong_content_type",
      `Content-Type ${answer.contentType || "(none)"}`,
      answer.status,
    );
  }
  const parsed = source.parse(answer.body);
  if (isFailure(parsed)) return { ...parsed, httpStatus: answer.status };
  const list = validateList(parsed);
  if (!list.ok) return { ...list, httpStatus: answer.status };
  return {
    ok: true,
    list,
    body: answer.body,
    contentType: answer.contentType,
    httpStatus: answer.status,
  };
}

/** Pause before retry `n` (1-based): exponential, with equal jitter so clients never march in step. */
export function backoffDelay(n: number, base: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, base * 2 ** (n - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Tries one source up to `attempts` times. Only transient faults (timeout, reset, 5xx,
 * truncated body) are retried, after a jittered backoff; an anti-bot answer or bad content
 * returns at once so the caller fails over instead of hammering Weibo.
 */
export async function fetchWithRetry(
  source: TrendSource,
  settings: SourceSettings,
  options: RetryOptions,
): Promise<AcceptedPayload | FetchFailure> {
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  let last: AcceptedPayload | FetchFailure = failure("network", "not attempted");
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    const startedAt = now();
    const started = performance.now();
    last = await fetchSource(source, settings, options.timeoutMs);
    await options.onAttempt?.({
      attempt,
      startedAt,
      durationMs: Math.round(performance.now() - started),
      outcome: last,
    });
    if (last.ok || !isRetryable(last.reason) || attempt === options.attempts) return last;
    await sleep(
      backoffDelay(attempt, options.baseDelayMs ?? 2000, options.maxDelayMs ?? 20000, random),
    );
  }
  return last;
}
