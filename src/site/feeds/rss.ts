import { toZonedIso } from "../../content/zoned-time.js";
import type { FeedChannel, FeedItem } from "./feed-model.js";
import { cdata, escapeXml, rssTextElement, XML_DECLARATION, xmlElement } from "./xml-escape.js";

export const RSS_CONTENT_TYPE = "application/rss+xml; charset=utf-8";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * RFC 822 date-time (with the four-digit year RSS readers expect) in the given zone, e.g.
 * `Tue, 26 Aug 2025 09:30:00 +0800`: the wall-clock time of the dateline, not UTC.
 */
export function rfc822Date(utcIso: string, timeZone: string): string {
  const local = toZonedIso(utcIso, timeZone); // 2025-08-26T09:30:00+08:00
  const year = Number(local.slice(0, 4));
  const month = Number(local.slice(5, 7));
  const day = Number(local.slice(8, 10));
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const time = local.slice(11, 19);
  const offset = local.slice(19).replace(":", "");
  return `${DAYS[weekday]}, ${String(day).padStart(2, "0")} ${MONTHS[month - 1]} ${year} ${time} ${offset}`;
}

/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification). `content:encoded` carries the full
 * HTML in CDATA; `dc:creator` names the byline because RSS's own `<author>` must be an
 * e-mail address; `atom:link rel="self"` is the RSS Advisory Board's recommended self link.
 * Every human-readable text goes through `rssTextElement` (escaped for HTML, then for XML),
 * because readers render those elements as HTML.
 */
export function renderRss(channel: FeedChannel): string {
  const lines = [
    XML_DECLARATION,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    "<channel>",
    rssTextElement("title", channel.title),
    xmlElement("link", channel.homeUrl),
    rssTextElement("description", channel.description),
    xmlElement("language", channel.language),
    `<atom:link href="${escapeXml(channel.urls.rss)}" rel="self" type="application/rss+xml"/>`,
    xmlElement("lastBuildDate", rfc822Date(channel.updated, channel.timeZone)),
    xmlElement("generator", channel.siteName),
    xmlElement("docs", "https://www.rssboard.org/rss-specification"),
    xmlElement("ttl", "15"),
    "<image>",
    xmlElement("url", channel.iconUrl),
    rssTextElement("title", channel.title),
    xmlElement("link", channel.homeUrl),
    "</image>",
    ...channel.items.map((item) => rssItem(item)),
    "</channel>",
    "</rss>",
  ];
  return `${lines.join("\n")}\n`;
}

function rssItem(item: FeedItem): string {
  return [
    "<item>",
    rssTextElement("title", item.title),
    xmlElement("link", item.url),
    xmlElement("guid", item.id, { isPermaLink: item.id === item.url ? "true" : "false" }),
    xmlElement("pubDate", rfc822Date(item.published, item.timeZone)),
    rssTextElement("dc:creator", item.author.name),
    rssTextElement("category", item.category.name, { domain: item.category.url }),
    ...item.tags.map((tag) => rssTextElement("category", tag)),
    rssTextElement("description", item.summary),
    `<content:encoded>${cdata(item.contentHtml)}</content:encoded>`,
    "</item>",
  ].join("\n");
}
