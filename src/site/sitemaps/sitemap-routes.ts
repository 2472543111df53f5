import { Hono } from "hono";
import { lastChangeInScope } from "../../content/feed-queries.js";
import { sendBody } from "../../web/page-response.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { notFound } from "../routes/list-routes.js";
import { loadNewsSitemap, renderNewsSitemap } from "./news-sitemap.js";
import { ROBOTS_CONTENT_TYPE, renderRobots } from "./robots.js";
import {
  loadArticleSitemap,
  loadPagesSitemap,
  loadSitemapIndex,
  monthRange,
  PAGES_SITEMAP_PATH,
  parseArticleSitemapName,
} from "./sitemap-index.js";
import {
  renderSitemapIndex,
  renderUrlSet,
  type SitemapEntry,
  XML_CONTENT_TYPE,
} from "./sitemap-xml.js";

/** `/robots.txt`, `/sitemap.xml` (index), `/sitemaps/*.xml` and `/news-sitemap.xml`. */
export function sitemapRoutes(deps: SiteDeps): Hono {
  const app = new Hono();
  const zone = deps.config.TIME_ZONE;
  // Validator: the newest listed date, or a later withdrawal in scope (see lastChangeInScope).
  const validator = async (entries: SitemapEntry[], range: { from?: string; to?: string } = {}) => {
    const changed = await lastChangeInScope(
      deps.database.db,
      deps.clock.now().toISOString(),
      range,
    );
    return newestOf([...entries, { loc: "", lastModified: changed }]);
  };

  app.get("/robots.txt", (c) =>
    sendBody(c, renderRobots(deps.config.SITE_URL), ROBOTS_CONTENT_TYPE, {
      tags: ["robots"],
      maxAge: 3600,
    }),
  );

  app.get("/sitemap.xml", async (c) => {
    const children = await loadSitemapIndex(deps);
    return sendBody(c, renderSitemapIndex(children, zone), XML_CONTENT_TYPE, {
      lastModified: await validator(children),
      tags: ["sitemap", "articles", "categories"],
      maxAge: 600,
    });
  });

  app.get(PAGES_SITEMAP_PATH, async (c) => {
    const entries = await loadPagesSitemap(deps);
    return sendBody(c, renderUrlSet(entries, zone), XML_CONTENT_TYPE, {
      lastModified: await validator(entries),
      tags: ["sitemap", "articles", "categories"],
      maxAge: 600,
    });
  });

  app.get("/sitemaps/:file", async (c) => {
    const file = parseArticleSitemapName(c.req.param("file"));
    if (!file) return notFound(c, deps);
    const entries = await loadArticleSitemap(deps, file);
    if (!entries) return notFound(c, deps);
    return sendBody(c, renderUrlSet(entries, zone), XML_CONTENT_TYPE, {
      lastModified: await validator(entries, monthRange(file, zone)),
      tags: ["sitemap", `archive:${file.year}-${file.month}`],
      maxAge: 600,
    });
  });

  app.get("/news-sitemap.xml", async (c) => {
    const entries = await loadNewsSitemap(deps);
    return sendBody(c, renderNewsSitemap(entries, deps.config.SITE_NAME), XML_CONTENT_TYPE, {
      // No Last-Modified: articles leave the 48-hour window without any row changing, so a
      // date validator would answer 304 to a stale copy. The body's ETag stays exact.
      tags: ["sitemap", "news-sitemap", "articles"],
      maxAge: 300,
    });
  });

  return app;
}

function newestOf(entries: SitemapEntry[]): string | undefined {
  return entries
    .flatMap((e) => (e.lastModified ? [e.lastModified] : []))
    .sort()
    .at(-1);
}
