import type { Context } from "hono";
import { Hono } from "hono";
import { findCategoryBySlug } from "../../content/taxonomy-queries.js";
import { sendBody } from "../../web/page-response.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { findIfSlug, notFound } from "../routes/list-routes.js";
import { ATOM_CONTENT_TYPE, renderAtom } from "./atom.js";
import { type LoadedFeed, loadFeed } from "./feed-items.js";
import type { FeedChannel } from "./feed-model.js";
import { JSON_FEED_CONTENT_TYPE, renderJsonFeed } from "./json-feed.js";
import { RSS_CONTENT_TYPE, renderRss } from "./rss.js";

interface FeedFormat {
  file: string;
  contentType: string;
  render: (channel: FeedChannel) => string;
}

const FORMATS: FeedFormat[] = [
  { file: "feed.xml", contentType: RSS_CONTENT_TYPE, render: renderRss },
  { file: "atom.xml", contentType: ATOM_CONTENT_TYPE, render: renderAtom },
  { file: "feed.json", contentType: JSON_FEED_CONTENT_TYPE, render: renderJsonFeed },
];

/**
 * `/feed.xml`, `/atom.xml`, `/feed.json` and the same three under `/category/:slug/`:
 * the URLs the layout advertises in every page's <head>.
 */
export function feedRoutes(deps: SiteDeps): Hono {
  const app = new Hono();

  for (const format of FORMATS) {
    app.get(`/${format.file}`, async (c) => {
      const feed = await loadFeed(deps, undefined);
      return sendFeed(c, format, feed, ["feed", "articles"]);
    });

    app.get(`/category/:slug/${format.file}`, async (c) => {
      const category = await findIfSlug(c.req.param("slug"), (slug) =>
        findCategoryBySlug(deps.database.db, slug),
      );
      if (!category) return notFound(c, deps);
      const feed = await loadFeed(deps, category);
      return sendFeed(c, format, feed, ["feed", `category:${category.id}`]);
    });
  }

  return app;
}

function sendFeed(c: Context, format: FeedFormat, feed: LoadedFeed, tags: string[]): Response {
  return sendBody(c, format.render(feed.channel), format.contentType, {
    lastModified: feed.lastModified,
    // Article tags too: an edit to any item's body must purge every feed that shows it.
    tags: [...tags, ...feed.articleIds.map((id) => `article:${id}`)],
    maxAge: 300,
  });
}
