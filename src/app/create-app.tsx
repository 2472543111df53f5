import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { isAppError, isUnavailable, RETRY_AFTER_SECONDS } from "../core/errors.js";
import { digestAdminRoutes } from "../digest/web/digest-admin-routes.js";
import { digestRoutes } from "../digest/web/digest-routes.js";
import { newsroomRoutes } from "../newsroom/web/newsroom-routes.js";
import { researchRoutes } from "../research/web/research-routes.js";
import { feedRoutes } from "../site/feeds/feed-routes.js";
import { articleRoutes } from "../site/routes/article-routes.js";
import { listRoutes, notFound } from "../site/routes/list-routes.js";
import { searchRoutes } from "../site/routes/search-routes.js";
import { sitemapRoutes } from "../site/sitemaps/sitemap-routes.js";
import { trendsRoutes } from "../trends/web/trends-routes.js";
import { ASSETS, stylesheet } from "../web/assets.js";
import { MessagePage } from "../web/message-page.js";
import { renderToString } from "../web/page-response.js";
import { loadSiteContext } from "../web/site-context-loader.js";
import type { SiteDeps } from "../web/site-deps.js";
import { pipelineRoutes } from "../writing/web/pipeline-routes.js";

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#b3261e"/><text x="16" y="23" font-size="20" text-anchor="middle" fill="#fff" font-family="sans-serif">热</text></svg>`;

/**
 * The public site as a Hono app. Pure of process state: everything comes from `deps`,
 * so tests call `app.request()` against a temp database with a fixed clock.
 */
export function createApp(deps: SiteDeps): Hono {
  const app = new Hono();
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", stylesheet.integrity],
        scriptSrc: ["'self'"],
        imgSrc: ["'self'", "https:", "data:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "strict-origin-when-cross-origin",
      crossOriginEmbedderPolicy: false,
    }),
  );

  // Numeric ids in paths (`/trends/topic/:id`, `/admin/stories/:id`, `/api/v1/…/:id`) are
  // database integers: a longer run of digits cannot name a record, and PostgreSQL would
  // reject it as out of range mid-query. Refused here once for every route.
  app.use(async (c, next) => {
    if (c.req.path.split("/").some((segment) => /^[0-9]{10,}$/.test(segment))) {
      return notFound(c, deps);
    }
    await next();
  });
  for (const asset of ASSETS) {
    app.get(asset.path, (c) =>
      c.body(asset.body, 200, {
        "Content-Type": asset.type,
        "Cache-Control": "public, max-age=31536000, immutable",
      }),
    );
  }
  app.get("/favicon.svg", (c) =>
    c.body(FAVICON, 200, {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "public, max-age=86400",
    }),
  );
  app.get("/favicon.ico", (c) => c.redirect("/favicon.svg", 301));
  app.get("/healthz", (c) => c.json({ ok: true }));

  app.route("/", listRoutes(deps));
  app.route("/", articleRoutes(deps));
  app.route("/", searchRoutes(deps));
  // Research's start page reads its own body before the newsroom's /admin/* chain does;
  // the pipeline pages rely on the newsroom's session middleware, so they come after it.
  app.route("/", researchRoutes(deps));
  app.route("/", newsroomRoutes(deps));
  app.route("/", pipelineRoutes(deps));
  app.route("/", feedRoutes(deps));
  app.route("/", sitemapRoutes(deps));
  app.route("/", trendsRoutes(deps));
  app.route("/", digestRoutes(deps));
  // After the newsroom, whose /admin/* middleware (session, client address) runs first.
  app.route("/", digestAdminRoutes(deps));

  app.notFound((c) => notFound(c, deps));
  app.onError(async (error, c) => {
    if (isAppError(error) && error.status < 500) {
      return c.json(
        { error: { id: error.id, message: error.message, fields: error.details.fields ?? [] } },
        error.status as 400,
      );
    }
    if (isUnavailable(error)) {
      // The database is busy (another process holds the write lock): say so and when to retry.
      c.header("Retry-After", String(RETRY_AFTER_SECONDS));
      const site = await loadSiteContext(deps, c.req.path).catch(() => undefined);
      if (!site) return c.text(error.message, 503);
      const page = <MessagePage site={site} title="Busy for a moment" message={error.message} />;
      return c.html(await renderToString(page), 503);
    }
    deps.log.error({ err: error, path: c.req.path }, "request failed");
    const site = await loadSiteContext(deps, c.req.path).catch(() => undefined);
    if (!site) return c.text("Something went wrong on our side.", 500);
    const page = (
      <MessagePage
        site={site}
        title="Something went wrong"
        message="Something went wrong on our side. Please try again in a minute."
      />
    );
    return c.html(await renderToString(page), 500);
  });
  return app;
}
