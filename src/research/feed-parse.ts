import { XMLParser } from "fast-xml-parser";
import { htmlToText } from "./html-text.js";

/** One entry of an RSS 2.0 or Atom feed, reduced to what matching and storing need. */
export interface FeedItem {
  url: string;
  title: string;
  /** Plain-text summary or content. */
  text: string;
  /** ISO-8601 UTC, or null when the entry carries no readable date. */
  publishedAt: string | null;
}

export interface ParsedFeed {
  format: "rss" | "atom";
  /** The feed's own title: the outlet's name. */
  title: string;
  /** Language the feed declares (`zh-cn`, `en-us`…), lower-cased; empty when none. */
  language: string;
  items: FeedItem[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  cdataPropName: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === "item" || name === "entry" || name === "link",
});

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Text of an element that may be a string, `{#text, @_type}` or missing. */
function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (isNode(value)) return text(value["#text"]);
  return "";
}

/**
 * Feed dates: RFC 822 in RSS, RFC 3339 in Atom. A date without a zone (seen in Chinese feeds,
 * "2025-08-26 10:00") is read in China Standard Time when the feed is Chinese, else UTC.
 */
export function feedDate(raw: string, language = ""): string | null {
  const value = raw.trim();
  if (!value) return null;
  const bare = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    value,
  );
  if (bare) {
    const [, y, mo, d, h = "0", mi = "0", s = "0"] = bare;
    const pad = (n: string) => n.padStart(2, "0");
    const zone = language.startsWith("zh") ? "+08:00" : "Z";
    const date = new Date(
      `${y}-${pad(mo ?? "")}-${pad(d ?? "")}T${pad(h)}:${pad(mi)}:${pad(s)}${zone}`,
    );
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function atomLink(links: unknown): string {
  const list = Array.isArray(links) ? links : [links];
  const nodes = list.filter(isNode);
  const alternate =
    nodes.find((l) => (l["@_rel"] ?? "alternate") === "alternate" && l["@_href"]) ?? nodes[0];
  return alternate ? text(alternate["@_href"]) : "";
}

function absolute(link: string, base: string): string {
  try {
    return new URL(link.trim(), base).href;
  } catch {
    return "";
  }
}

/**
 * Parses RSS 2.0 (`rss > channel > item`) and Atom (`feed > entry`). Returns null for
 * anything else (an HTML page served as XML, a broken document). Links are made absolute
 * against the feed's URL; entries without a link are dropped.
 */
export function parseFeed(xml: string, feedUrl: string): ParsedFeed | null {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch {
    return null;
  }
  const rss = isNode(doc.rss) ? doc.rss : undefined;
  const channel = rss && isNode(rss.channel) ? rss.channel : undefined;
  if (channel) {
    const language = text(channel.language).toLowerCase();
    const items = (Array.isArray(channel.item) ? channel.item : []).filter(isNode).map((item) => {
      const body = text(item["content:encoded"]) || text(item.description);
      const link = text(item.link) || (isPermalink(item.guid) ? text(item.guid) : "");
      return {
        url: absolute(link, feedUrl),
        title: htmlToText(text(item.title)),
        text: htmlToText(body),
        publishedAt: feedDate(text(item.pubDate) || text(item["dc:date"]), language),
      };
    });
    return {
      format: "rss",
      title: htmlToText(text(channel.title)),
      language,
      items: items.filter((i) => i.url !== ""),
    };
  }
  const feed = isNode(doc.feed) ? doc.feed : undefined;
  if (feed) {
    const language = text(feed["@_xml:lang"]).toLowerCase();
    const items = (Array.isArray(feed.entry) ? feed.entry : []).filter(isNode).map((entry) => ({
      url: absolute(atomLink(entry.link), feedUrl),
      title: htmlToText(text(entry.title)),
      text: htmlToText(text(entry.content) || text(entry.summary)),
      publishedAt: feedDate(text(entry.published) || text(entry.updated), language),
    }));
    return {
      format: "atom",
      title: htmlToText(text(feed.title)),
      language,
      items: items.filter((i) => i.url !== ""),
    };
  }
  return null;
}

function isPermalink(guid: unknown): boolean {
  if (!isNode(guid)) return typeof guid === "string" && /^https?:\/\//.test(guid);
  return guid["@_isPermaLink"] !== "false" && /^https?:\/\//.test(text(guid));
}
