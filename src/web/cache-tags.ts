import type { ArticlePlacement, RecordedChange } from "../changes/change.js";

/**
 * Cache tags: what a cached page (or a CDN copy, through the `Cache-Tag` header) depends on.
 * Every page that shows an article carries that article's tag; lists also carry the tag of
 * the list (home, a category, a tag, a byline, a month). `tagsForChange` maps a committed
 * change to the tags of exactly the pages that show it, so one vocabulary serves both sides.
 */
export const cacheTags = {
  /** Any page showing the article: its own page, every list and feed that links it. */
  article: (id: number) => `article:${id}`,
  /** The related-articles box on an article's own page. */
  relatedOf: (id: number) => `related:${id}`,
  home: "home",
  category: (id: number) => `category:${id}`,
  tag: (id: number) => `tag:${id}`,
  author: (id: number) => `author:${id}`,
  /** One month's archive page and its article sitemap (`YYYY-MM`). */
  month: (month: string) => `archive:${month}`,
  /** The list of months (`/archive`). */
  archives: "archives",
  /** Site-wide feeds (`/feed.xml` and friends). */
  feeds: "feeds",
  /** Sitemap index, pages sitemap, news sitemap. */
  sitemaps: "sitemaps",
  /** Hot-search pages: `/trends` and the trend box on the home page. */
  trends: "trends",
  topic: (id: number) => `topic:${id}`,
  /** Pages listing "our coverage" of hot-search words (any published article may match). */
  coverage: "coverage",
  search: "search",
  robots: "robots",
  /** Carried by every cached page: site name, navigation and categories appear on all. */
  site: "site",
  /** Error pages (never stored here; a CDN may keep them briefly). */
  notFound: "404",
  /** A slug that names no visible article (404 or 410 page). */
  slug: (slug: string) => `slug:${slug}`,
} as const;

/** The tags of every page that shows a change: what to invalidate when it is committed. */
export function tagsForChange(change: RecordedChange): string[] {
  switch (change.kind) {
    case "article":
      return articleChangeTags(change.articleId, change.before, change.after);
    case "related":
      return change.articleIds.map(cacheTags.relatedOf);
    case "trends":
      return [cacheTags.trends, ...change.topicIds.map(cacheTags.topic)];
    case "settings":
      return [cacheTags.site];
  }
}

function articleChangeTags(
  articleId: number,
  before: ArticlePlacement | null,
  after: ArticlePlacement | null,
): string[] {
  const placements = [before, after].filter((p): p is ArticlePlacement => p?.visible === true);
  // Not cached here, but a CDN may hold the article's 404/410 page under these.
  const slugs = [before, after].flatMap((p) => (p ? [cacheTags.slug(p.slug)] : []));
  // A draft (never visible before or after) is on no public page.
  if (placements.length === 0) return [...new Set(slugs)];
  const tags = new Set<string>([
    cacheTags.article(articleId),
    cacheTags.home,
    cacheTags.archives,
    cacheTags.feeds,
    cacheTags.sitemaps,
    cacheTags.coverage,
    ...slugs,
  ]);
  for (const p of placements) {
    tags.add(cacheTags.category(p.categoryId));
    tags.add(cacheTags.author(p.authorId));
    for (const id of p.tagIds) tags.add(cacheTags.tag(id));
    if (p.month) tags.add(cacheTags.month(p.month));
  }
  return [...tags];
}
