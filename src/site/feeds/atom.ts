import { toZonedIso } from "../../content/zoned-time.js";
import type { FeedChannel, FeedItem } from "./feed-model.js";
import { escapeXml, XML_DECLARATION, xmlElement } from "./xml-escape.js";

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

/**
 * Atom 1.0 (RFC 4287). Dates are RFC 3339 with the zone offset. The feed carries its own
 * author (the site) so it stays valid even if an entry ever lacked one; HTML content is
 * escaped text with `type="html"`, as section 3.1.1.2 prescribes.
 */
export function renderAtom(channel: FeedChannel): string {
  const lines = [
    XML_DECLARATION,
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    xmlElement("id", channel.homeUrl),
    xmlElement("title", channel.title, { type: "text" }),
    xmlElement("subtitle", channel.description, { type: "text" }),
    xmlElement("updated", toZonedIso(channel.updated, channel.timeZone)),
    link("self", channel.urls.atom, "application/atom+xml"),
    link("alternate", channel.homeUrl, "text/html"),
    `<author>${xmlElement("name", channel.siteName)}${xmlElement("uri", channel.siteUrl)}</author>`,
    xmlElement("generator", channel.siteName, { uri: channel.siteUrl }),
    xmlElement("icon", channel.iconUrl),
    ...channel.items.map((item) => atomEntry(item)),
    "</feed>",
  ];
  return `${lines.join("\n")}\n`;
}

function atomEntry(item: FeedItem): string {
  return [
    "<entry>",
    xmlElement("id", item.id),
    xmlElement("title", item.title, { type: "text" }),
    link("alternate", item.url, "text/html"),
    xmlElement("published", toZonedIso(item.published, item.timeZone)),
    xmlElement("updated", toZonedIso(item.updated, item.timeZone)),
    `<author>${xmlElement("name", item.author.name)}${xmlElement("uri", item.author.url)}</author>`,
    `<category term="${escapeXml(item.category.name)}" scheme="${escapeXml(item.category.url)}"/>`,
    ...item.tags.map((tag) => `<category term="${escapeXml(tag)}"/>`),
    xmlElement("summary", item.summary, { type: "text" }),
    xmlElement("content", item.contentHtml, { type: "html" }),
    "</entry>",
  ].join("\n");
}

function link(rel: string, href: string, type: string): string {
  return `<link rel="${escapeXml(rel)}" type="${escapeXml(type)}" href="${escapeXml(href)}"/>`;
}
