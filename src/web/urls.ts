/**
 * Every public address the site links to, built in one place so a route and the links to it
 * cannot drift apart. Paths are site-relative; `absolute` prefixes the configured origin for
 * feeds, sitemaps, canonical links and e-mail.
 */
const pad = (n: number) => String(n).padStart(2, "0");

export const urls = {
  home: () => "/",
  article: (slug: string) => `/news/${slug}`,
  category: (slug: string) => `/category/${slug}`,
  tag: (slug: string) => `/tag/${slug}`,
  byline: (slug: string) => `/byline/${slug}`,
  archiveMonth: (year: number, month: number) => `/archive/${year}/${pad(month)}`,
  topic: (topicId: number) => `/trends/topic/${topicId}`,
  /** `path` joined to the site's origin (`SITE_URL`, which has no trailing slash). */
  absolute: (siteUrl: string, path: string) => `${siteUrl}${path}`,
} as const;
