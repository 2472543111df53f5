import { timingSafeEqual } from "node:crypto";

export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isStateChanging(method: string): boolean {
  return UNSAFE.has(method.toUpperCase());
}

/** Constant-time equality of two tokens; empty never matches. */
export function tokensMatch(expected: string, given: string | undefined): boolean {
  if (!given || expected.length === 0) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether the request may come from where it says. A browser sends `Origin` on every
 * cross-origin POST (and `Sec-Fetch-Site`); either naming another site is refused. Scripts
 * and tests that send neither are judged by the token alone.
 */
export function sameOrigin(
  headers: { origin?: string | undefined; secFetchSite?: string | undefined },
  allowedOrigins: string[],
): boolean {
  if (headers.origin !== undefined && headers.origin !== "") {
    return allowedOrigins.includes(headers.origin);
  }
  if (headers.secFetchSite !== undefined) {
    return ["same-origin", "none"].includes(headers.secFetchSite);
  }
  return true;
}
