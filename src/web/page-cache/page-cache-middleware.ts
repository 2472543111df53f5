import type { MiddlewareHandler } from "hono";
import { cacheTags } from "../cache-tags.js";
import { answerFromEntry, answerResponse } from "./page-answer.js";
import type { PageCache } from "./page-cache.js";
import { buildEntry, type PageEntry } from "./page-entry.js";

/** Seconds a page is kept when its response names no `s-maxage`. */
const DEFAULT_TTL_SECONDS = 60;

/**
 * Serves public pages from the page cache and stores what the routes render. A page is
 * stored when it is a plain 200 to a GET without a query string that its route marked
 * public and tagged (`Cache-Tag`), and sets no cookie; everything else passes through
 * untouched. Mounted before every other middleware, so a stored page keeps the headers
 * (security headers included) its first render got and a hit runs nothing else.
 */
export function pageCacheMiddleware(cache: PageCache, now: () => number): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD") return next();
    const url = new URL(c.req.url);
    if (url.search !== "") return next();
    const key = url.pathname;
    const request = {
      acceptEncoding: c.req.header("Accept-Encoding"),
      ifNoneMatch: c.req.header("If-None-Match"),
      ifModifiedSince: c.req.header("If-Modified-Since"),
    };
    const head = method === "HEAD";
    const hit = cache.get(key);
    if (hit) return answerResponse(answerFromEntry(hit, request), head);
    const flight = cache.flight(key);
    if (flight) {
      const shared = await flight;
      if (shared) return answerResponse(answerFromEntry(shared, request), head);
      return next();
    }
    const { ticket, finish } = cache.begin(key);
    let entry: PageEntry | undefined;
    try {
      await next();
      const res = c.res;
      const tags = storableTags(res, method);
      if (tags) {
        const body = Buffer.from(await res.arrayBuffer());
        const lastModified = res.headers.get("Last-Modified");
        entry = await buildEntry({
          key,
          body,
          headers: res.headers.entries(),
          tags: [...tags, cacheTags.site],
          etag: res.headers.get("ETag") ?? "",
          lastModifiedMs: lastModified ? Date.parse(lastModified) : undefined,
          expiresAt: now() + ttlSeconds(res.headers.get("Cache-Control")) * 1000,
        });
        cache.store(ticket, entry);
        c.res = answerResponse(answerFromEntry(entry, request), head);
      }
    } finally {
      finish(entry);
    }
  };
}

function storableTags(res: Response, method: string): string[] | undefined {
  if (method !== "GET" || res.status !== 200) return undefined;
  const tags = res.headers.get("Cache-Tag");
  const control = res.headers.get("Cache-Control") ?? "";
  if (!tags || !res.headers.get("ETag") || res.headers.has("Set-Cookie")) return undefined;
  if (!/\bpublic\b/.test(control) || /\b(private|no-store)\b/.test(control)) return undefined;
  return tags.split(",").filter((t) => t !== "");
}

function ttlSeconds(control: string | null): number {
  const match = /\bs-maxage=(\d+)/.exec(control ?? "") ?? /\bmax-age=(\d+)/.exec(control ?? "");
  return match ? Number(match[1]) : DEFAULT_TTL_SECONDS;
}
