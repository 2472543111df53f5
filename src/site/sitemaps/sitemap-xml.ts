import { toZonedIso } from "../../content/zoned-time.js";
import { XML_DECLARATION, xmlElement } from "../feeds/xml-escape.js";

export const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
export const XML_CONTENT_TYPE = "application/xml; charset=utf-8";

/** The protocol's cap per file (https://www.sitemaps.org/protocol.html#index). */
export const MAX_SITEMAP_URLS = 50_000;

export interface SitemapEntry {
  loc: string;
  /** UTC ISO; omitted from the file when unknown rather than guessed. */
  lastModified: string | undefined;
}

/** W3C Datetime with the site's offset, the same instant the pages themselves show. */
export function w3cDate(utcIso: string, timeZone: string): string {
  return toZonedIso(utcIso, timeZone);
}

/** `<sitemapindex>`: one `<sitemap>` per child file. */
export function renderSitemapIndex(children: SitemapEntry[], timeZone: string): string {
  return document(
    `<sitemapindex xmlns="${SITEMAP_NS}">`,
    children.map((child) => `<sitemap>${locAndLastmod(child, timeZone)}</sitemap>`),
    "</sitemapindex>",
  );
}

/** `<urlset>`: one `<url>` per page, at most MAX_SITEMAP_URLS (the caller splits). */
export function renderUrlSet(entries: SitemapEntry[], timeZone: string): string {
  if (entries.length > MAX_SITEMAP_URLS) {
    throw new RangeError(`a sitemap holds at most ${MAX_SITEMAP_URLS} URLs`);
  }
  return document(
    `<urlset xmlns="${SITEMAP_NS}">`,
    entries.map((entry) => `<url>${locAndLastmod(entry, timeZone)}</url>`),
    "</urlset>",
  );
}

function locAndLastmod(entry: SitemapEntry, timeZone: string): string {
  const lastmod = entry.lastModified
    ? xmlElement("lastmod", w3cDate(entry.lastModified, timeZone))
    : "";
  return `${xmlElement("loc", entry.loc)}${lastmod}`;
}

export function document(open: string, body: string[], close: string): string {
  return `${[XML_DECLARATION, open, ...body, close].join("\n")}\n`;
}
