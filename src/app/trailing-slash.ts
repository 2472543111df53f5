import type { MiddlewareHandler } from "hono";

/**
 * `/news/x/` answers as a permanent redirect to `/news/x` (query kept), so a link with a
 * stray slash reaches the page and search engines see one address. Leading slashes are
 * collapsed first: `//evil.example/` must never become a redirect to another host.
 */
export function trailingSlashRedirect(): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    if (path.length <= 1 || !path.endsWith("/") || c.req.method !== "GET") return next();
    const trimmed = `/${path.replace(/^\/+/, "").replace(/\/+$/, "")}`;
    const query = new URL(c.req.url).search;
    return c.redirect(`${trimmed}${query}`, 301);
  };
}
