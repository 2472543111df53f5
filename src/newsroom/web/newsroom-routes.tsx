import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ShownError } from "../../web/error-mapper.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { apiRoutes } from "../api/api-routes.js";
import { type NewsroomOptions, newsroomDeps } from "../newsroom-deps.js";
import { ADMIN_ASSETS } from "./admin-assets.js";
import { AdminLayout } from "./admin-layout.js";
import { auditRoutes } from "./audit-routes.js";
import { authRoutes } from "./auth-routes.js";
import { checkRoutes } from "./check-routes.js";
import { page } from "./guard.js";
import { previewRoutes } from "./preview-routes.js";
import { publishRoutes } from "./publish-routes.js";
import { queueRoutes } from "./queue-routes.js";
import { referenceRoutes } from "./reference-routes.js";
import { clientIpMiddleware, type NewsroomEnv, sessionMiddleware } from "./request-context.js";
import { revisionRoutes } from "./revision-routes.js";
import { settingsRoutes } from "./settings-routes.js";
import { storyRoutes } from "./story-routes.js";
import { tokenRoutes } from "./token-routes.js";
import { userRoutes } from "./user-routes.js";

/** Largest form or JSON body accepted. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Everything under /admin: sign-in, users, queue, editor, publishing. Mounted on the site
 * app with `app.route("/", newsroomRoutes(deps))`.
 */
export function newsroomRoutes(deps: SiteDeps, options: NewsroomOptions = {}): Hono {
  const nd = newsroomDeps(deps, options);
  const app = new Hono<NewsroomEnv>();
  for (const asset of ADMIN_ASSETS) {
    app.get(asset.path, (c) =>
      c.body(asset.body, 200, {
        "Content-Type": asset.type,
        "Cache-Control": "public, max-age=300",
      }),
    );
  }
  app.use("/admin/*", clientIpMiddleware(deps.config.TRUST_PROXY));
  // Oversized bodies are refused before anything reads them (the largest story is ~1.1 MB).
  app.use(
    "/admin/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.text("The form is too large to save. Shorten the text and try again.", 413),
    }),
  );
  app.use(
    "/admin/*",
    sessionMiddleware(nd, (c) =>
      page(
        c,
        <AdminLayout
          title="This form has expired"
          session={c.get("session")}
          siteName={deps.config.SITE_NAME}
        >
          <p>
            The form was sent without a valid security token (it may be old, or from another site).
            Go back, reload the page and try again; nothing was changed.
          </p>
        </AdminLayout>,
        403,
      ),
    ),
  );
  app.route("/", authRoutes(nd));
  app.route("/", userRoutes(nd));
  app.route("/", auditRoutes(nd));
  app.route("/", settingsRoutes(nd));
  app.route("/", queueRoutes(nd));
  app.route("/", storyRoutes(nd));
  app.route("/", previewRoutes(nd));
  app.route("/", revisionRoutes(nd));
  app.route("/", publishRoutes(nd));
  app.route("/", checkRoutes(nd));
  app.route("/", tokenRoutes(nd));
  app.route("/", referenceRoutes(nd));

  const outer = new Hono();
  outer.route("/", app);
  outer.use("/api/v1/*", clientIpMiddleware(deps.config.TRUST_PROXY));
  outer.route("/", apiRoutes(nd));
  return outer;
}

/**
 * How the newsroom shows a failure: a newsroom page with the message, or plain text when the
 * failure is ours (the layout itself may be what failed).
 */
export function newsroomErrorPage(deps: SiteDeps) {
  return (c: Context<NewsroomEnv>, shown: ShownError) => {
    if (shown.status >= 500 && shown.id !== "unavailable") {
      return c.text("Something went wrong on our side.", 500);
    }
    const view = (
      <AdminLayout
        title="That did not work"
        session={c.get("session")}
        siteName={deps.config.SITE_NAME}
      >
        <p>{shown.message}</p>
      </AdminLayout>
    );
    return page(c, view, shown.status as 404 | 503);
  };
}
