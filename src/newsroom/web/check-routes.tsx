import { Hono } from "hono";
import { isAppError } from "../../core/errors.js";
import { overrideCheckFlag } from "../commands/check-commands.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { AdminLayout } from "./admin-layout.js";
import { page } from "./guard.js";
import { withNotice } from "./notices.js";
import { formValue, type NewsroomEnv } from "./request-context.js";
import { commandContext, storyFor } from "./story-guard.js";

/** Overriding a claim-check flag with a reason (editors and admins: `checks.resolve`). */
export function checkRoutes(deps: NewsroomDeps) {
  const app = new Hono<NewsroomEnv>();
  app.post("/admin/stories/:id{[0-9]+}/flags/:flag{[0-9]+}/override", async (c) => {
    const found = await storyFor(c, deps, "checks.resolve");
    if ("response" in found) return found.response;
    const id = found.story.articleId;
    const flagId = Number(c.req.param("flag"));
    try {
      await overrideCheckFlag(commandContext(c, deps), id, flagId, formValue(c, "reason"));
      return c.redirect(withNotice(`/admin/stories/${id}`, "flag-overridden"), 303);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      const message =
        error.details.fields?.map((f) => `${f.field}: ${f.message}`).join("; ") || error.message;
      return page(
        c,
        <AdminLayout
          title="That did not work"
          session={c.get("session")}
          siteName={deps.config.SITE_NAME}
          flash={message}
          flashKind="error"
        >
          <p>
            <a href={`/admin/stories/${id}`}>Back to the story</a>
          </p>
        </AdminLayout>,
        error.status === 404 ? 404 : error.status === 409 ? 409 : 422,
      );
    }
  });
  return app;
}
