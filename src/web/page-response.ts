import { createHash } from "node:crypto";
import type { Context } from "hono";
import { safeHeaders } from "../core/header-value.js";

export interface PageCaching {
  /** Newest change to anything the page shows (UTC ISO). */
  lastModified?: string | undefined;
  /** What the page depends on (`article:12`, `category:3`, `home`), for CDN purges by tag. */
  tags: string[];
  /** Seconds shared caches may keep it; lists change often, articles less. */
  maxAge?: number;
}

/**
 * Sends a rendered page with validators, answering conditional requests with 304.
 * The ETag is the body's hash: rendering is a pure function of the data, so equal data
 * gives equal bytes and a CDN or browser can revalidate cheaply.
 */
export function sendBody(
  c: Context,
  body: string,
  contentType: string,
  caching: PageCaching,
  status: 200 | 404 | 410 = 200,
): Response {
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers: Record<string, string> = safeHeaders({
    "Content-Type": contentType,
    ETag: etag,
    "Cache-Control": `public, max-age=${caching.maxAge ?? 60}, stale-while-revalidate=600`,
    "Cache-Tag": caching.tags.join(","),
  });
  if (caching.lastModified) headers["Last-Modified"] = new Date(caching.lastModified).toUTCString();
  if (status === 200 && matchesValidators(c, etag, caching.lastModified)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { status, headers });
}

function matchesValidators(c: Context, etag: string, lastModified: string | undefined): boolean {
  const ifNoneMatch = c.req.header("If-None-Match");
  if (ifNoneMatch) return ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
  const since = c.req.header("If-Modified-Since");
  if (since && lastModified) {
    return Math.floor(Date.parse(lastModified) / 1000) <= Math.floor(Date.parse(since) / 1000);
  }
  return false;
}

export const HTML = "text/html; charset=utf-8";

/** Renders a JSX tree to its final string (hono/jsx may hand back a promise). */
export async function renderToString(node: unknown): Promise<string> {
  const html = String(await node);
  return html.startsWith("<html") ? `<!DOCTYPE html>${html}` : html;
}
