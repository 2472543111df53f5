import { createHash } from "node:crypto";
import type { Context } from "hono";
import { safeHeaders } from "../core/header-value.js";
import { isNotModified } from "./page-cache/validators.js";

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
  const maxAge = caching.maxAge ?? 60;
  const headers: Record<string, string> = safeHeaders({
    "Content-Type": contentType,
    ETag: etag,
    // s-maxage: how long a CDN (purged by Cache-Tag) and this process's page cache keep it;
    // scheduled stories appear without a write, so neither keeps a page longer than that.
    "Cache-Control": `public, max-age=${maxAge}, s-maxage=${maxAge}, stale-while-revalidate=600`,
    "Cache-Tag": caching.tags.join(","),
  });
  if (caching.lastModified) headers["Last-Modified"] = new Date(caching.lastModified).toUTCString();
  const lastModifiedMs = caching.lastModified ? Date.parse(caching.lastModified) : undefined;
  const notModified = isNotModified(
    c.req.header("If-None-Match"),
    c.req.header("If-Modified-Since"),
    etag,
    lastModifiedMs,
  );
  if (status === 200 && notModified) return new Response(null, { status: 304, headers });
  return new Response(body, { status, headers });
}

export const HTML = "text/html; charset=utf-8";

/** Renders a JSX tree to its final string (hono/jsx may hand back a promise). */
export async function renderToString(node: unknown): Promise<string> {
  const html = String(await node);
  return html.startsWith("<html") ? `<!DOCTYPE html>${html}` : html;
}
