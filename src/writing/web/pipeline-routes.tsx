import { Hono } from "hono";
import { newsroomDeps } from "../../newsroom/newsroom-deps.js";
import { AdminLayout } from "../../newsroom/web/admin-layout.js";
import { page } from "../../newsroom/web/guard.js";
import type { NewsroomEnv } from "../../newsroom/web/request-context.js";
import { storyFor } from "../../newsroom/web/story-guard.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { storyPipelineView } from "../story-pipeline-view.js";
import { PipelinePanel } from "./pipeline-page.js";

/**
 * `/admin/stories/:id/pipeline`: the drafting stages of one story, for anyone who may view
 * it. Mounted after the newsroom, whose `/admin/*` middleware (session, client address) runs
 * first.
 */
export function pipelineRoutes(deps: SiteDeps) {
  const nd = newsroomDeps(deps);
  const app = new Hono<NewsroomEnv>();
  app.get("/admin/stories/:id{[0-9]+}/pipeline", async (c) => {
    const found = await storyFor(c, nd, "story.view");
    if ("response" in found) return found.response;
    const { story } = found;
    const view = await storyPipelineView(
      nd.database.db,
      story.articleId,
      story.content.headline,
      story.content.sources,
    );
    return page(
      c,
      <AdminLayout
        title={`Drafting: ${story.content.headline}`}
        session={c.get("session")}
        siteName={deps.config.SITE_NAME}
      >
        <PipelinePanel {...view} />
      </AdminLayout>,
    );
  });
  return app;
}
