import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { digestAdminRoutes } from "../digest/web/digest-admin-routes.js";
import { digestRoutes } from "../digest/web/digest-routes.js";
import { mediaRoutes } from "../media/web/media-routes.js";
import { apiErrorBody } from "../newsroom/api/api-routes.js";
import type { NewsroomOptions } from "../newsroom/newsroom-deps.js";
import { newsroomErrorPage, newsroomRoutes } from "../newsroom/web/newsroom-routes.js";
import { researchRoutes } from "../research/web/research-routes.js";
import { publicErrorPage } from "../site/error-page.js";
import { feedRoutes } from "../site/feeds/feed-routes.js";
import { articleRoutes } from "../site/routes/article-routes.js";
import { listRoutes, notFound } from "../site/routes/list-routes.js";
import { searchRoutes } from "../site/routes/search-routes.js";
import { sitemapRoutes } from "../site/sitemaps/sitemap-routes.js";
import { trendsRoutes } from "../trends/web/trends-routes.js";
import { ASSETS, stylesheet } from "../web/assets.js";
import { errorMapper } from "../web/error-mapper.js";
import { pageCacheMiddleware } from "../web/page-cache/page-cache-middleware.js";
import type { SiteDeps } from "../web/site-deps.js";
import { pipelineRoutes } from "../writing/web/pipeline-routes.js";
import { trailingSlashRedirect } from "./trailing-slash.js";

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#b3261e"/><text x="16" y="23" font-size="20" text-anchor="middle" fill="#fff" font-family="sans-serif">热</text></svg>`;

/** What tests may choose beyond the deps: the newsroom's password cost and hooks. */
export interface AppOptions {
  newsroom?: NewsroomOptions;
}

/**
 * The public site as a Hono app. Pure of process state: everything comes from `deps`,
 * so tests call `app.request()` against a temp database with a fixed clock.
 */
export function createApp(deps: SiteDeps, options: AppOptions = {}): Hono {
  const app = new Hono();
  // First: a stored page is answered before anything else runs, with the headers (security
  // headers included) that the middleware below gave its first render.
  if (deps.pageCache) {
    app.use(pageCacheMiddleware(deps.pageCache, () => deps.clock.now().getTime()));
  }
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

  app.use(trailingSlashRedirect());
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

  app.route("/", mediaRoutes(deps));
  app.route("/", listRoutes(deps));
  app.route("/", articleRoutes(deps));
  app.route("/", searchRoutes(deps));
  // Research's start page reads its own body before the newsroom's /admin/* chain does;
  // the pipeline pages rely on the newsroom's session middleware, so they come after it.
  app.route("/", researchRoutes(deps));
  app.route("/", newsroomRoutes(deps, options.newsroom));
  app.route("/", pipelineRoutes(deps));
  app.route("/", feedRoutes(deps));
  app.route("/", sitemapRoutes(deps));
  app.route("/", trendsRoutes(deps));
  app.route("/", digestRoutes(deps));
  // After the newsroom, whose /admin/* middleware (session, client address) runs first.
  app.route("/", digestAdminRoutes(deps));

  app.notFound((c) => notFound(c, deps));
  app.onError(
    errorMapper(
      deps.log,
      [
        { prefix: "/api/v1/", present: apiErrorBody },
        { prefix: "/admin", present: newsroomErrorPage(deps) },
      ],
      publicErrorPage(deps),
    ),
  );
  return app;
}
