/**
 * Conditional-request checks shared by the page cache and uncached responses. A cached page
 * has one ETag per encoding (`"hash"`, `"hash-br"`, `"hash-gzip"`): strong validators must
 * differ between content codings, but any of them proves the client holds the current page.
 */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const base = baseTag(etag);
  for (const candidate of ifNoneMatch.split(",")) {
    const tag = candidate.trim();
    if (tag === "*") return true;
    if (baseTag(tag.startsWith("W/") ? tag.slice(2) : tag) === base) return true;
  }
  return false;
}

/** Whether `If-Modified-Since` (second precision) is at or after the page's last change. */
export function notModifiedSince(ifModifiedSince: string, lastModifiedMs: number): boolean {
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Math.floor(lastModifiedMs / 1000) <= Math.floor(since / 1000);
}

/** If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 13.2.2). */
export function isNotModified(
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
  etag: string,
  lastModifiedMs: number | undefined,
): boolean {
  if (ifNoneMatch) return etagMatches(ifNoneMatch, etag);
  if (ifModifiedSince && lastModifiedMs !== undefined) {
    return notModifiedSince(ifModifiedSince, lastModifiedMs);
  }
  return false;
}

function baseTag(tag: string): string {
  return tag.replace(/-(br|gzip)"$/, '"');
}
