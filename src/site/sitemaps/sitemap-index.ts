import { listPublicationMonths } from "../../content/archive-queries.js";
import {
  listArticleLocations,
  listAuthorLastChanges,
  listCategoryLastChanges,
  listTagLastChanges,
} from "../../content/sitemap-queries.js";
import { lastPublicChange } from "../../content/taxonomy-queries.js";
import { toUtcIso } from "../../content/zoned-time.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { urls } from "../../web/urls.js";
import { MAX_SITEMAP_URLS, type SitemapEntry } from "./sitemap-xml.js";

/** A month's file, split into parts when one month ever holds more than 50,000 articles. */
export interface ArticleSitemapFile {
  year: string;
  month: string;
  /** 1 for `articles-2025-08.xml`, 2 for `articles-2025-08-2.xml`, … */
  part: number;
}

export function articleSitemapPath(file: ArticleSitemapFile): string {
  const suffix = file.part === 1 ? "" : `-${file.part}`;
  return `/sitemaps/articles-${file.year}-${file.month}${suffix}.xml`;
}

/** Reads `articles-2025-08.xml` / `articles-2025-08-2.xml`; undefined for anything else. */
export function parseArticleSitemapName(name: string): ArticleSitemapFile | undefined {
  const match = /^articles-(\d{4})-(\d{2})(?:-([1-9]\d{0,3}))?\.xml$/.exec(name);
  if (!match?.[1] || !match[2]) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  // Part 1 has one name only (no `-1`), so the same URLs never live at two addresses.
  if (match[3] === "1") return undefined;
  return { year: match[1], month: match[2], part: match[3] ? Number(match[3]) : 1 };
}

export const PAGES_SITEMAP_PATH = "/sitemaps/pages.xml";

/** Children of `/sitemap.xml`: the pages file, then one file (or more) per month, newest first. */
export async function loadSitemapIndex(deps: SiteDeps): Promise<SitemapEntry[]> {
  const db = deps.database.db;
  const now = deps.clock.now().toISOString();
  const siteUrl = deps.config.SITE_URL;
  const [months, newest] = await Promise.all([
    listPublicationMonths(db, now, deps.config.TIME_ZONE),
    lastPublicChange(db, now),
  ]);
  const entries: SitemapEntry[] = [
    { loc: `${siteUrl}${PAGES_SITEMAP_PATH}`, lastModified: newest },
  ];
  for (const month of months) {
    const parts = Math.max(1, Math.ceil(month.count / MAX_SITEMAP_URLS));
    for (let part = 1; part <= parts; part += 1) {
      const path = articleSitemapPath({ year: month.year, month: month.month, part });
      entries.push({ loc: `${siteUrl}${path}`, lastModified: month.lastModified });
    }
  }
  return entries;
}

/** Home, categories, tags and bylines, each with the newest change to what it lists. */
export async function loadPagesSitemap(deps: SiteDeps): Promise<SitemapEntry[]> {
  const db = deps.database.db;
  const now = deps.clock.now().toISOString();
  const siteUrl = deps.config.SITE_URL;
  const [newest, categories] = await Promise.all([
    lastPublicChange(db, now),
    listCategoryLastChanges(db, now),
  ]);
  const fixed: SitemapEntry[] = [
    { loc: `${siteUrl}/`, lastModified: newest },
    { loc: `${siteUrl}/archive`, lastModified: newest },
    ...categories.map((c) => ({
      loc: urls.absolute(siteUrl, urls.category(c.slug)),
      lastModified: c.lastModified,
    })),
  ];
  // Tags and bylines share what is left of the one file's budget, most recently active first.
  const budget = Math.max(0, MAX_SITEMAP_URLS - fixed.length);
  const authors = await listAuthorLastChanges(db, now, budget);
  const tags = await listTagLastChanges(db, now, Math.max(0, budget - authors.length));
  return [
    ...fixed,
    ...authors.map((a) => ({
      loc: urls.absolute(siteUrl, urls.byline(a.slug)),
      lastModified: a.lastModified,
    })),
    ...tags.map((t) => ({
      loc: urls.absolute(siteUrl, urls.tag(t.slug)),
      lastModified: t.lastModified,
    })),
  ];
}

/**
 * Articles published in one month of the site's zone (an article dated 1 August in
 * Beijing belongs to August even though it is still 31 July in UTC). Undefined when the
 * file would be empty, so the route answers 404 for months with nothing in them.
 */
export async function loadArticleSitemap(
  deps: SiteDeps,
  file: ArticleSitemapFile,
): Promise<SitemapEntry[] | undefined> {
  const rows = await listArticleLocations(
    deps.database.db,
    deps.clock.now().toISOString(),
    monthRange(file, deps.config.TIME_ZONE),
    { limit: MAX_SITEMAP_URLS, offset: (file.part - 1) * MAX_SITEMAP_URLS },
  );
  if (rows.length === 0) return undefined;
  return rows.map((r) => ({
    loc: urls.absolute(deps.config.SITE_URL, urls.article(r.slug)),
    lastModified: r.updatedAt,
  }));
}

/** First and last instant (UTC ISO, inclusive) of a calendar month in the zone. */
export function monthRange(
  file: Pick<ArticleSitemapFile, "year" | "month">,
  timeZone: string,
): { from: string; to: string } {
  const year = Number(file.year);
  const month = Number(file.month);
  const from = toUtcIso(`${file.year}-${file.month}-01`, timeZone);
  const next = month === 12 ? `${year + 1}-01-01` : `${file.year}-${pad(month + 1)}-01`;
  return { from, to: new Date(Date.parse(toUtcIso(next, timeZone)) - 1).toISOString() };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
