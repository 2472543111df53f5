import { Hono } from "hono";
import { toUtcIso } from "../../content/zoned-time.js";
import { isAppError } from "../../core/errors.js";
import { isRealCalendarDate } from "../../core/time-zone.js";
import {
  correctArticle,
  publishArticle,
  scheduleArticle,
  unpublishArticle,
} from "../commands/publish-commands.js";
import { assignStory } from "../commands/story-commands.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { AdminLayout } from "./admin-layout.js";
import { page } from "./guard.js";
import { withNotice } from "./notices.js";
import { formValue, type NewsroomContext, type NewsroomEnv } from "./request-context.js";
import { commandContext, intField, storyFor } from "./story-guard.js";

const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** Publish now, schedule, unpublish, correct and assign: editors (and admins) only. */
export function publishRoutes(deps: NewsroomDeps) {
  const app = new Hono<NewsroomEnv>();
  const editorPath = (id: number) => `/admin/stories/${id}`;
  const problem = (c: NewsroomContext, id: number, message: string, status: 409 | 422) =>
    page(
      c,
      <AdminLayout
        title="That did not work"
        session={c.get("session")}
        siteName={deps.config.SITE_NAME}
        flash={message}
        flashKind="error"
      >
        <p>
          <a href={editorPath(id)}>Back to the story</a>
        </p>
      </AdminLayout>,
      status,
    );
  const attempt = async (c: NewsroomContext, id: number, work: () => Promise<string>) => {
    try {
      return c.redirect(await work(), 303);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      const message =
        error.details.fields?.map((f) => `${f.field}: ${f.message}`).join("; ") || error.message;
      return problem(c, id, message, error.status === 409 ? 409 : 422);
    }
  };

  app.post("/admin/stories/:id{[0-9]+}/publish", async (c) => {
    const found = await storyFor(c, deps, "story.publish");
    if ("response" in found) return found.response;
    const id = found.story.articleId;
    return attempt(c, id, async () => {
      const outcome = await publishArticle(commandContext(c, deps), id);
      return withNotice(editorPath(id), outcome.changed ? "published" : "already-published");
    });
  });

  app.post("/admin/stories/:id{[0-9]+}/schedule", async (c) => {
    const found = await storyFor(c, deps, "story.schedule");
    if ("response" in found) return found.response;
    const id = found.story.articleId;
    const local = formValue(c, "publish_at").trim();
    if (!LOCAL_DATETIME.test(local) || !isRealCalendarDate(local))
      return problem(c, id, "publish_at: give a date and time, e.g. 2025-08-27T09:30", 422);
    const at = new Date(toUtcIso(local, deps.config.TIME_ZONE));
    return attempt(c, id, async () => {
      await scheduleArticle(commandContext(c, deps), id, at);
      return withNotice(editorPath(id), "scheduled");
    });
  });

  app.post("/admin/stories/:id{[0-9]+}/unpublish", async (c) => {
    const found = await storyFor(c, deps, "story.unpublish");
    if ("response" in found) return found.response;
    const id = found.story.articleId;
    return attempt(c, id, async () => {
      const outcome = await unpublishArticle(commandContext(c, deps), id);
      return withNotice(editorPath(id), outcome.status === "draft" ? "unscheduled" : "unpublished");
    });
  });

  app.post("/admin/stories/:id{[0-9]+}/corrections", async (c) => {
    const found = await storyFor(c, deps, "story.correct");
    if ("response" in found) return found.response;
    const id = found.story.articleId;
    return attempt(c, id, async () => {
      await correctArticle(commandContext(c, deps), id, formValue(c, "text"));
      return withNotice(editorPath(id), "corrected");
    });
  });

  app.post("/admin/stories/:id{[0-9]+}/assign", async (c) => {
    const found = await storyFor(c, deps, "story.assign");
    if ("response" in found) return found.response;
    const id = found.story.articleId;
    const assignee = intField(c, "assignee_id");
    return attempt(c, id, async () => {
      await assignStory(commandContext(c, deps), id, assignee && assignee > 0 ? assignee : null);
      return withNotice("/admin", "assigned");
    });
  });
  return app;
}
