import { type ArticleSummary, listPublished } from "../../content/article-queries.js";
import {
  type ArticleBody,
  lastChangeInScope,
  loadArticleBodies,
} from "../../content/feed-queries.js";
import { markdownToPlainText, renderMarkdown } from "../../content/markdown.js";
import { formatLongDate } from "../../content/zoned-time.js";
import type { CategoryRow } from "../../db/schema.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { urls } from "../../web/urls.js";
import type { FeedChannel, FeedItem } from "./feed-model.js";
import { escapeXml } from "./xml-escape.js";

/** Readers and aggregators expect the recent window, not the archive. */
export const FEED_ITEM_COUNT = 50;

const SUMMARY_LENGTH = 280;

// An empty feed still needs an `updated`; a fixed instant keeps its bytes (and ETag) stable.
const EMPTY_FEED_UPDATED = "1970-01-01T00:00:00.000Z";

export interface LoadedFeed {
  channel: FeedChannel;
  /** Ids of the articles shown, for cache tags. */
  articleIds: number[];
  /** Validator for conditional GET; may be newer than `channel.updated` (see lastChangeInScope). */
  lastModified: string | undefined;
}

/** The 50 newest public articles, site-wide or in one category, with full bodies. */
export async function loadFeed(
  deps: SiteDeps,
  category: Pick<CategoryRow, "id" | "slug" | "name" | "description"> | undefined,
): Promise<LoadedFeed> {
  const db = deps.database.db;
  const now = deps.clock.now().toISOString();
  const articles = await listPublished(db, now, category ? { categoryId: category.id } : {}, {
    limit: FEED_ITEM_COUNT,
    offset: 0,
  });
  const [bodies, lastModified] = await Promise.all([
    loadArticleBodies(
      db,
      articles.map((a) => a.id),
    ),
    lastChangeInScope(db, now, category ? { categoryId: category.id } : {}),
  ]);
  const siteUrl = deps.config.SITE_URL;
  const base = category ? urls.category(category.slug) : "";
  const newest = articles
    .map((a) => a.updatedAt)
    .sort()
    .at(-1);
  const updated = newest ?? lastModified ?? EMPTY_FEED_UPDATED;
  const channel: FeedChannel = {
    title: category ? `${deps.config.SITE_NAME}: ${category.name}` : deps.config.SITE_NAME,
    description: category
      ? category.description || `The latest ${category.name} stories trending in China, explained.`
      : deps.config.SITE_TAGLINE,
    homeUrl: `${siteUrl}${base || "/"}`,
    urls: {
      rss: `${siteUrl}${base}/feed.xml`,
      atom: `${siteUrl}${base}/atom.xml`,
      json: `${siteUrl}${base}/feed.json`,
    },
    updated,
    timeZone: deps.config.TIME_ZONE,
    siteName: deps.config.SITE_NAME,
    siteUrl,
    iconUrl: `${siteUrl}/favicon.svg`,
    language: "en",
    items: articles.flatMap((article) => {
      const body = bodies.get(article.id);
      return body ? [toFeedItem(siteUrl, article, body)] : [];
    }),
  };
  return { channel, articleIds: articles.map((a) => a.id), lastModified };
}

function toFeedItem(siteUrl: string, article: ArticleSummary, body: ArticleBody): FeedItem {
  const url = urls.absolute(siteUrl, urls.article(article.slug));
  return {
    id: url,
    url,
    // Feed readers show no page chrome: demo content says so in its title.
    title: article.isDemo ? `Demo: ${article.headline}` : article.headline,
    summary: article.dek || excerpt(markdownToPlainText(body.lead)),
    contentHtml: articleHtml(body, article.timeZone),
    published: article.publishedAt,
    updated: article.updatedAt,
    timeZone: article.timeZone,
    author: {
      name: article.author.name,
      url: urls.absolute(siteUrl, urls.byline(article.author.slug)),
    },
    category: {
      name: article.category.name,
      url: urls.absolute(siteUrl, urls.category(article.category.slug)),
    },
    tags: body.tags.map((t) => t.name),
    imageUrl: article.imageUrl || undefined,
  };
}

/**
 * The article as a feed reader shows it: lead, then each section under its heading, then
 * corrections as dated notes. Markdown comes out of `renderMarkdown` already sanitized;
 * headings and correction text are plain text and are escaped here.
 */
export function articleHtml(body: ArticleBody, timeZone: string): string {
  const parts: string[] = [];
  if (body.lead.trim()) parts.push(renderMarkdown(body.lead));
  for (const section of body.sections) {
    parts.push(`<h2>${escapeXml(section.heading)}</h2>`);
    if (section.body.trim()) parts.push(renderMarkdown(section.body));
  }
  for (const correction of body.corrections) {
    const date = formatLongDate(correction.notedAt, timeZone);
    parts.push(
      `<p class="correction"><strong>Correction, <time datetime="${escapeXml(correction.notedAt)}">${escapeXml(date)}</time>:</strong> ${escapeXml(correction.text)}</p>`,
    );
  }
  return parts.join("\n");
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= SUMMARY_LENGTH) return flat;
  return `${flat.slice(0, SUMMARY_LENGTH).replace(/\s+\S*$/, "")}…`;
}
