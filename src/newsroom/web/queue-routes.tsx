import { Hono } from "hono";
import { isAppError } from "../../core/errors.js";
import { dismissTopic } from "../commands/topic-commands.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { can } from "../policy.js";
import { activeUsers, queueStories } from "../queue-queries.js";
import { loadSettings } from "../settings.js";
import { queueTopics } from "../topic-queries.js";
import { page, requires } from "./guard.js";
import { notice, withNotice } from "./notices.js";
import { QueuePage } from "./queue-page.js";
import { actorOf, type NewsroomEnv } from "./request-context.js";
import { commandContext } from "./story-guard.js";

/** `/admin`: the queue; topic actions. */
export function queueRoutes(deps: NewsroomDeps) {
  const app = new Hono<NewsroomEnv>();
  const db = deps.database.db;

  app.get("/admin", requires(deps, "queue.view"), async (c) => {
    const actor = actorOf(c);
    const [topics, stories, users] = await Promise.all([
      loadSettings(db).then((settings) => queueTopics(db, settings["queue.topic_limit"])),
      queueStories(db),
      activeUsers(db),
    ]);
    // Writers see the stories they may open; the rest of the desk's work stays with editors.
    const visible = stories.filter((s) =>
      can(actor, "story.view", { ownerId: s.ownerId, assigneeId: s.assigneeId, status: s.status }),
    );
    return page(
      c,
      <QueuePage
        siteName={deps.config.SITE_NAME}
        session={c.get("session")}
        topics={topics}
        stories={visible}
        users={users}
        timeZone={deps.config.TIME_ZONE}
        flash={notice(c.req.query("done"))}
      />,
    );
  });

  app.post("/admin/topics/:id{[0-9]+}/dismiss", requires(deps, "topic.dismiss"), async (c) => {
    try {
      await dismissTopic(commandContext(c, deps), Number(c.req.param("id")));
    } catch (error) {
      if (isAppError(error) && error.id === "not_found") return c.notFound();
      throw error;
    }
    return c.redirect(withNotice("/admin", "dismissed"), 303);
  });
  return app;
}
