import { toZonedIso } from "../../content/zoned-time.js";
import type { FeedChannel, FeedItem } from "./feed-model.js";

export const JSON_FEED_CONTENT_TYPE = "application/feed+json; charset=utf-8";
export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). JSON.stringify does the escaping. */
export function renderJsonFeed(channel: FeedChannel): string {
  const feed = {
    version: JSON_FEED_VERSION,
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.urls.json,
    description: channel.description,
    icon: channel.iconUrl,
    favicon: channel.iconUrl,
    language: channel.language,
    authors: [{ name: channel.siteName, url: channel.siteUrl }],
    items: channel.items.map(jsonFeedItem),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

function jsonFeedItem(item: FeedItem) {
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    summary: item.summary,
    content_html: item.contentHtml,
    ...(item.imageUrl ? { image: item.imageUrl } : {}),
    date_published: toZonedIso(item.published, item.timeZone),
    date_modified: toZonedIso(item.updated, item.timeZone),
    authors: [item.author],
    tags: [item.category.name, ...item.tags],
    language: "en",
  };
}
