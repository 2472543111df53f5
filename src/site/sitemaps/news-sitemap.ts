import { listPublished } from "../../content/article-queries.js";
import { toZonedIso } from "../../content/zoned-time.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { urls } from "../../web/urls.js";
import { xmlElement } from "../feeds/xml-escape.js";
import { document, SITEMAP_NS } from "./sitemap-xml.js";

export const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

/** Google News takes only articles from the last two days, at most 1,000 per file. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
export const MAX_NEWS_URLS = 1_000;

export interface NewsSitemapEntry {
  loc: string;
  title: string;
  /** UTC ISO. */
  published: string;
  timeZone: string;
}

export async function loadNewsSitemap(deps: SiteDeps): Promise<NewsSitemapEntry[]> {
  const at = deps.clock.now();
  const now = at.toISOString();
  const from = new Date(at.getTime() - NEWS_WINDOW_MS).toISOString();
  const articles = await listPublished(
    deps.database.db,
    now,
    { from, excludeDemo: true },
    { limit: MAX_NEWS_URLS, offset: 0 },
  );
  return articles.map((a) => ({
    loc: urls.absolute(deps.config.SITE_URL, urls.article(a.slug)),
    title: a.headline,
    published: a.publishedAt,
    timeZone: a.timeZone,
  }));
}

/**
 * Google News sitemap (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap):
 * a normal `<urlset>` whose URLs each carry `news:news` with the publication's name and
 * language, the publication date (W3C, with offset) and the headline.
 */
export function renderNewsSitemap(entries: NewsSitemapEntry[], publicationName: string): string {
  return document(
    `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">`,
    entries
      .slice(0, MAX_NEWS_URLS)
      .map((entry) =>
        [
          "<url>",
          xmlElement("loc", entry.loc),
          "<news:news>",
          "<news:publication>",
          xmlElement("news:name", publicationName),
          xmlElement("news:language", "en"),
          "</news:publication>",
          xmlElement("news:publication_date", toZonedIso(entry.published, entry.timeZone)),
          xmlElement("news:title", entry.title),
          "</news:news>",
          "</url>",
        ].join(""),
      ),
    "</urlset>",
  );
}
