import { ATOM_CONTENT_TYPE, renderAtom } from "../../site/feeds/atom.js";
import type { FeedChannel, FeedItem } from "../../site/feeds/feed-model.js";
import { JSON_FEED_CONTENT_TYPE, renderJsonFeed } from "../../site/feeds/json-feed.js";
import { RSS_CONTENT_TYPE, renderRss } from "../../site/feeds/rss.js";
import { renderToString } from "../../web/page-response.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { editionName, issuePath, issueSummary, issueTitle } from "../digest-format.js";
import { digestForIssue } from "../digest-service.js";
import { publishedIssues } from "../issue-store.js";
import { DigestSections } from "./digest-sections.js";

const FEED_ISSUES = 20;

/** The issues feed: each published issue as an item with its full text. */
export async function digestFeed(
  deps: SiteDeps,
  format: "rss" | "atom" | "json",
): Promise<{ body: string; type: string }> {
  const db = deps.database.db;
  const site = deps.config.SITE_URL;
  const issues = await publishedIssues(db, FEED_ISSUES);
  const items: FeedItem[] = [];
  for (const issue of issues) {
    const digest = await digestForIssue(db, issue, deps.config);
    const url = `${site}${issuePath(issue)}`;
    const html = await renderToString(<DigestSections digest={digest} />);
    items.push({
      id: url,
      url,
      title: `${editionName(digest.window)}: ${issueTitle(digest.window)}`,
      summary: issueSummary(digest),
      // Links in the issue are site-relative; feed readers need them absolute.
      contentHtml: html.replace(/href="\//g, `href="${site}/`),
      published: issue.published_at ?? issue.created_at,
      updated: issue.updated_at,
      timeZone: deps.config.DIGEST_TIME_ZONE,
      author: { name: deps.config.DESK_BYLINE, url: `${site}/digest` },
      category: { name: "Digest", url: `${site}/digest` },
      tags: [],
      imageUrl: undefined,
    });
  }
  const channel: FeedChannel = {
    title: `${deps.config.SITE_NAME}: daily digest`,
    description: "What trended on Weibo each day and what we published.",
    homeUrl: `${site}/digest`,
    urls: {
      rss: `${site}/digest/feed.xml`,
      atom: `${site}/digest/atom.xml`,
      json: `${site}/digest/feed.json`,
    },
    // ISO strings sort as times do: the last one is the newest.
    updated:
      items
        .map((i) => i.updated)
        .sort()
        .at(-1) ?? "1970-01-01T00:00:00.000Z",
    timeZone: deps.config.DIGEST_TIME_ZONE,
    siteName: deps.config.SITE_NAME,
    siteUrl: site,
    iconUrl: `${site}/favicon.svg`,
    language: "en",
    items,
  };
  if (format === "atom") return { body: renderAtom(channel), type: ATOM_CONTENT_TYPE };
  if (format === "json") return { body: renderJsonFeed(channel), type: JSON_FEED_CONTENT_TYPE };
  return { body: renderRss(channel), type: RSS_CONTENT_TYPE };
}
