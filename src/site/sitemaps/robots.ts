export const ROBOTS_CONTENT_TYPE = "text/plain; charset=utf-8";

/**
 * Paths crawlers should skip: search results are endless near-duplicates of article pages,
 * and the admin and API surfaces (added by later issues) are not for the public index.
 */
export const DISALLOWED_PATHS = ["/search", "/admin", "/api"] as const;

/** robots.txt (RFC 9309) with absolute sitemap URLs, which the format requires. */
export function renderRobots(siteUrl: string): string {
  return [
    "User-agent: *",
    "Allow: /",
    ...DISALLOWED_PATHS.map((path) => `Disallow: ${path}`),
    "",
    `Sitemap: ${siteUrl}/sitemap.xml`,
    `Sitemap: ${siteUrl}/news-sitemap.xml`,
    "",
  ].join("\n");
}
