import { readFileSync } from "node:fs";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { conflict, notFound } from "../../core/errors.js";
import type { ShownError } from "../../web/error-mapper.js";
import { userForToken } from "../auth/api-tokens.js";
import type { CommandContext } from "../commands/command-context.js";
import {
  correctArticle,
  publishArticle,
  scheduleArticle,
  unpublishArticle,
} from "../commands/publish-commands.js";
import {
  assignStory,
  createStory,
  restoreRevision,
  saveStory,
} from "../commands/story-commands.js";
import { dismissTopic } from "../commands/topic-commands.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { type Action, can } from "../policy.js";
import { queueStories } from "../queue-queries.js";
import { loadSettings } from "../settings.js";
import { storyContent } from "../story-content.js";
import { listRevisions, loadStory, resourceOf, type StoryRecord } from "../story-queries.js";
import { queueTopics } from "../topic-queries.js";
import { adminApiRoutes } from "./admin-api-routes.js";

import {
  type ApiContext,
  type ApiEnv,
  apiAudit,
  apiDeny,
  apiRequires,
  auditApiDenial,
  body,
} from "./api-kit.js";
import { errorBody, presentStory } from "./api-presenters.js";

const OPENAPI = readFileSync(new URL("./openapi.json", import.meta.url), "utf8");

/** JSON input: the editor's fields, with optional ones defaulting to empty. */
const contentInput = storyContent.extend({
  dek: storyContent.shape.dek.default(""),
  lead: storyContent.shape.lead.default(""),
  sections: storyContent.shape.sections.default([]),
  tags: storyContent.shape.tags.default([]),
  hashtag: storyContent.shape.hashtag.default("").transform((s) => s.replace(/^#+|#+$/g, "")),
  hashtagEn: storyContent.shape.hashtagEn.default(""),
  byline: storyContent.shape.byline.default(""),
  sources: storyContent.shape.sources.default([]),
});
const createBody = z
  .object({ content: contentInput, topicId: z.number().int().positive().optional() })
  .strict();
const saveBody = z
  .object({ baseRevision: z.number().int().min(0), content: contentInput })
  .strict();
const scheduleBody = z
  .object({
    publishAt: z.iso.datetime({ offset: true, message: "must be an ISO date-time with offset" }),
  })
  .strict();
const correctionBody = z.object({ text: z.string() }).strict();
const assignBody = z.object({ assigneeId: z.number().int().positive().nullable() }).strict();
const restoreBody = z
  .object({ number: z.number().int().min(1), baseRevision: z.number().int().min(0) })
  .strict();

/** `/api/v1`: the newsroom's actions for scripts, authorised by bearer tokens. */
export function apiRoutes(deps: NewsroomDeps) {
  const app = new Hono<ApiEnv>();
  const db = deps.database.db;
  const site = deps.config.SITE_URL;
  const audit = (c: ApiContext) => apiAudit(c);
  const ctx = (c: ApiContext): CommandContext => ({ deps, audit: audit(c) });
  const deny = (c: ApiContext, action: Action) => apiDeny(c, deps, action);
  const story = async (c: ApiContext, action: Action): Promise<StoryRecord | Response> => {
    const id = Number(c.req.param("id"));
    const found = Number.isSafeInteger(id) ? await loadStory(db, id) : undefined;
    const user = c.get("user");
    // A story the token's user may not see answers exactly like a missing one.
    if (!found || !can(user, "story.view", resourceOf(found))) {
      if (found) await auditApiDenial(c, deps, "story.view");
      throw notFound("The story");
    }
    if (!can(user, action, resourceOf(found))) return deny(c, action);
    return found;
  };

  app.get("/api/v1/openapi.json", (c) =>
    c.body(OPENAPI, 200, { "Content-Type": "application/json" }),
  );

  app.use(
    "/api/v1/*",
    bodyLimit({
      maxSize: 2 * 1024 * 1024,
      onError: (c) => c.json(errorBody("payload_too_large", "The body is larger than 2 MB"), 413),
    }),
  );
  app.use("/api/v1/*", async (c, next) => {
    if (c.req.path === "/api/v1/openapi.json") return next();
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? "";
    const user = token ? await userForToken(db, token, deps.clock.now()) : undefined;
    if (!user) {
      c.header("WWW-Authenticate", 'Bearer realm="resou"');
      return c.json(
        errorBody("unauthorized", "Send a valid token: Authorization: Bearer <token>"),
        401,
      );
    }
    c.set("user", user);
    c.header("Cache-Control", "no-store");
    return next();
  });

  app.get("/api/v1/me", (c) => {
    const u = c.get("user");
    return c.json({ id: u.id, email: u.email, role: u.role });
  });

  app.get("/api/v1/topics", apiRequires(deps, "queue.view"), async (c) => {
    const settings = await loadSettings(db);
    return c.json({ topics: await queueTopics(db, settings["queue.topic_limit"]) });
  });

  app.get("/api/v1/stories", async (c) => {
    const user = c.get("user");
    const stories = (await queueStories(db)).filter((s) =>
      can(user, "story.view", { ownerId: s.ownerId, assigneeId: s.assigneeId, status: s.status }),
    );
    return c.json({ stories });
  });

  app.post("/api/v1/stories", apiRequires(deps, "story.create"), async (c) => {
    const input = await body(c, createBody);
    const created = await createStory(
      ctx(c),
      input.content,
      input.topicId ? { topicId: input.topicId } : {},
    );
    const loaded = await loadStory(db, created.articleId);
    if (!loaded) throw notFound("The story");
    return c.json({ story: presentStory(loaded, site) }, 201);
  });

  app.get("/api/v1/stories/:id{[0-9]+}", async (c) => {
    const found = await story(c, "story.view");
    return found instanceof Response ? found : c.json({ story: presentStory(found, site) });
  });

  app.put("/api/v1/stories/:id{[0-9]+}", async (c) => {
    const found = await story(c, "story.edit");
    if (found instanceof Response) return found;
    const input = await body(c, saveBody);
    const outcome = await saveStory(ctx(c), found.articleId, input.baseRevision, input.content);
    if (outcome.kind === "conflict") {
      return c.json(
        {
          ...errorBody(
            "conflict",
            `Revision ${outcome.current.revision} was saved after revision ${input.baseRevision}; nothing was written`,
          ),
          current: presentStory(outcome.current, site),
        },
        409,
      );
    }
    const loaded = await loadStory(db, found.articleId);
    return c.json({ story: presentStory(loaded ?? found, site), changed: outcome.changed });
  });

  app.get("/api/v1/stories/:id{[0-9]+}/revisions", async (c) => {
    const found = await story(c, "story.view");
    return found instanceof Response
      ? found
      : c.json({ revisions: await listRevisions(db, found.articleId) });
  });

  const transition = (
    path: string,
    action: Action,
    run: (c: ApiContext, id: number) => Promise<unknown>,
  ) =>
    app.post(`/api/v1/stories/:id{[0-9]+}/${path}`, async (c) => {
      const found = await story(c, action);
      if (found instanceof Response) return found;
      await run(c, found.articleId);
      const loaded = await loadStory(db, found.articleId);
      return c.json({ story: presentStory(loaded ?? found, site) });
    });
  transition("publish", "story.publish", (c, id) => publishArticle(ctx(c), id));
  transition("unpublish", "story.unpublish", (c, id) => unpublishArticle(ctx(c), id));
  transition("schedule", "story.schedule", async (c, id) =>
    scheduleArticle(ctx(c), id, new Date((await body(c, scheduleBody)).publishAt)),
  );
  transition("corrections", "story.correct", async (c, id) =>
    correctArticle(ctx(c), id, (await body(c, correctionBody)).text),
  );
  transition("assign", "story.assign", async (c, id) =>
    assignStory(ctx(c), id, (await body(c, assignBody)).assigneeId),
  );
  transition("restore", "story.edit", async (c, id) => {
    const input = await body(c, restoreBody);
    const outcome = await restoreRevision(ctx(c), id, input.number, input.baseRevision);
    if (outcome.kind === "conflict") {
      throw conflict(
        `Revision ${outcome.current.revision} was saved after revision ${input.baseRevision}`,
      );
    }
  });

  app.post("/api/v1/topics/:id{[0-9]+}/dismiss", apiRequires(deps, "topic.dismiss"), async (c) => {
    await dismissTopic(ctx(c), Number(c.req.param("id")));
    return c.json({ dismissed: true });
  });

  adminApiRoutes(app, deps);

  app.notFound((c) => c.json(errorBody("not_found", "No such endpoint"), 404));
  return app;
}

/** How the API shows a failure: the JSON error body every endpoint documents. */
export function apiErrorBody(c: Context, shown: ShownError) {
  return c.json(errorBody(shown.id, shown.message, shown.fields), shown.status);
}
