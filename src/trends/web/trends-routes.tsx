import { Hono } from "hono";
import { MessagePage } from "../../web/message-page.js";
import { HTML, renderToString, sendBody } from "../../web/page-response.js";
import { loadSiteContext } from "../../web/site-context-loader.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { readHealth, recentFetches } from "../source-health.js";
import { coverageFor, hotSearchNow, topicFacts } from "../trend-queries.js";
import { HotSearchPage } from "./hot-search-page.js";
import { SourceStatusPage } from "./source-status-page.js";
import { TopicPage } from "./topic-page.js";

/**
 * Trends pages as a sub-app: `/trends` (hot search now), `/trends/topic/:id` (chart and
 * facts) and `/trends/status` (operator view of source health, not indexed).
 */
export function trendsRoutes(deps: SiteDeps): Hono {
  const app = new Hono();

  app.get("/trends", async (c) => {
    const site = await loadSiteContext(deps, c.req.path);
    const now = await hotSearchNow(deps.database.db);
    const body = await renderToString(<HotSearchPage site={site} now={now} />);
    return sendBody(c, body, HTML, {
      tags: ["trends"],
      maxAge: 30,
      lastModified: now.snapshot?.capturedAt,
    });
  });

  // The same list as data, for a page script or a client that refreshes every minute.
  app.get("/trends/now.json", async (c) => {
    const now = await hotSearchNow(deps.database.db);
    return c.json(now, 200, { "Cache-Control": "public, max-age=30, stale-while-revalidate=60" });
  });

  app.get("/trends/topic/:id{[0-9]+}", async (c) => {
    const site = await loadSiteContext(deps, c.req.path);
    const facts = await topicFacts(deps.database.db, Number(c.req.param("id")));
    if (!facts) {
      const page = (
        <MessagePage
          site={site}
          title="Topic not found"
          message="We have no record of that topic."
        />
      );
      return sendBody(c, await renderToString(page), HTML, { tags: ["trends"], maxAge: 30 }, 404);
    }
    const coverage = (await coverageFor(deps.database.db, [facts.word])).get(facts.word) ?? null;
    const body = await renderToString(<TopicPage site={site} facts={facts} coverage={coverage} />);
    return sendBody(c, body, HTML, {
      tags: ["trends", `topic:${facts.id}`],
      maxAge: 60,
      lastModified: facts.lastSeenAt,
    });
  });

  app.get("/trends/status", async (c) => {
    const site = await loadSiteContext(deps, c.req.path);
    const health = await readHealth(deps.database.db, deps.config.TRENDS_SOURCES);
    const fetches = await recentFetches(deps.database.db, 30);
    const body = await renderToString(
      <SourceStatusPage site={site} health={health} fetches={fetches} />,
    );
    return new Response(body, {
      headers: { "Content-Type": HTML, "Cache-Control": "no-store", "X-Robots-Tag": "noindex" },
    });
  });

  return app;
}
