import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { type Action, type Actor, can } from "../policy.js";
import {
  type Client,
  createNewsroomHarness,
  type NewsroomHarness,
  TEST_PASSWORD,
} from "../testing/newsroom-harness.js";
import { createDraft, STORY } from "../testing/story-fixtures.js";
import { seedTrends } from "../testing/trend-fixtures.js";

type Who = "anonymous" | "writer" | "editor" | "admin";

interface RouteCase {
  name: string;
  action: Action;
  /** Whose draft the request targets (the policy's resource), if any. */
  story?: "own" | "other";
  request(client: Client, ids: { story: number; topic: number }): Promise<Response>;
}

const ROUTES: RouteCase[] = [
  { name: "GET queue", action: "queue.view", request: (c) => c.get("/admin") },
  { name: "GET new story", action: "story.create", request: (c) => c.get("/admin/stories/new") },
  {
    name: "POST create story",
    action: "story.create",
    request: (c) => c.post("/admin/stories", STORY),
  },
  {
    name: "GET other's draft",
    action: "story.view",
    story: "other",
    request: (c, i) => c.get(`/admin/stories/${i.story}`),
  },
  {
    name: "GET own draft",
    action: "story.view",
    story: "own",
    request: (c, i) => c.get(`/admin/stories/${i.story}`),
  },
  {
    name: "POST save other's draft",
    action: "story.edit",
    story: "other",
    request: (c, i) => c.post(`/admin/stories/${i.story}`, { ...STORY, base_revision: "1" }),
  },
  {
    name: "POST save own draft",
    action: "story.edit",
    story: "own",
    request: (c, i) =>
      c.post(`/admin/stories/${i.story}`, { ...STORY, lead: "New.", base_revision: "1" }),
  },
  {
    name: "GET revisions",
    action: "story.view",
    story: "other",
    request: (c, i) => c.get(`/admin/stories/${i.story}/revisions`),
  },
  {
    name: "GET preview",
    action: "story.view",
    story: "other",
    request: (c, i) => c.get(`/admin/stories/${i.story}/preview`),
  },
  {
    name: "POST restore",
    action: "story.edit",
    story: "other",
    request: (c, i) =>
      c.post(`/admin/stories/${i.story}/restore`, { number: "1", base_revision: "1" }),
  },
  {
    name: "POST publish own",
    action: "story.publish",
    story: "own",
    request: (c, i) => c.post(`/admin/stories/${i.story}/publish`),
  },
  {
    name: "POST schedule",
    action: "story.schedule",
    story: "other",
    request: (c, i) =>
      c.post(`/admin/stories/${i.story}/schedule`, { publish_at: "2030-01-01T09:00" }),
  },
  {
    name: "POST unpublish",
    action: "story.unpublish",
    story: "other",
    request: (c, i) => c.post(`/admin/stories/${i.story}/unpublish`),
  },
  {
    name: "POST correction",
    action: "story.correct",
    story: "other",
    request: (c, i) =>
      c.post(`/admin/stories/${i.story}/corrections`, { text: "A correction note long enough." }),
  },
  {
    name: "POST assign",
    action: "story.assign",
    story: "other",
    request: (c, i) => c.post(`/admin/stories/${i.story}/assign`, { assignee_id: "0" }),
  },
  {
    name: "POST dismiss topic",
    action: "topic.dismiss",
    request: (c, i) => c.post(`/admin/topics/${i.topic}/dismiss`),
  },
  {
    name: "POST autosave other's draft",
    action: "story.edit",
    story: "other",
    request: (c, i) =>
      c.post(`/admin/stories/${i.story}/autosave`, { ...STORY, lead: "Auto.", base_revision: "1" }),
  },
  {
    name: "POST preview other's draft",
    action: "story.view",
    story: "other",
    request: (c, i) => c.post(`/admin/stories/${i.story}/preview`, STORY),
  },
  {
    name: "POST preview new story",
    action: "story.create",
    request: (c) => c.post("/admin/stories/preview", STORY),
  },
  { name: "GET tokens", action: "tokens.own", request: (c) => c.get("/admin/tokens") },
  {
    name: "POST create token",
    action: "tokens.own",
    request: (c) => c.post("/admin/tokens", { name: "script" }),
  },
  { name: "GET users", action: "users.manage", request: (c) => c.get("/admin/users") },
  {
    name: "POST add user",
    action: "users.manage",
    request: (c) =>
      c.post("/admin/users", {
        email: `u${Math.random()}@resou.example`.replace("0.", ""),
        displayName: "U",
        role: "writer",
        password: TEST_PASSWORD,
      }),
  },
  { name: "GET audit log", action: "audit.view", request: (c) => c.get("/admin/audit") },
  { name: "GET settings", action: "settings.manage", request: (c) => c.get("/admin/settings") },
  {
    name: "POST settings",
    action: "settings.manage",
    request: (c) =>
      c.post("/admin/settings", { "queue.topic_limit": "40", "editor.autosave_seconds": "30" }),
  },
  { name: "GET own account", action: "tokens.own", request: (c) => c.get("/admin/account") },
];

const WHO: Who[] = ["anonymous", "writer", "editor", "admin"];

describe.each(TEST_DIALECTS)("every newsroom route checks the policy (%s)", (dialect) => {
  let h: NewsroomHarness;
  const clients = new Map<Who, Client>();
  const actors = new Map<Who, Actor | null>();
  let owner: Client;
  let topic = 0;
  beforeAll(async () => {
    h = await createNewsroomHarness(dialect);
    for (const who of WHO) {
      if (who === "anonymous") {
        clients.set(who, h.anonymous());
        actors.set(who, null);
        continue;
      }
      const user = await h.addUser(who);
      clients.set(who, await h.login(user.email));
      actors.set(who, { id: user.id, email: user.email, role: who });
    }
    owner = await h.login((await h.addUser("writer")).email);
    topic = (await seedTrends(h.database.db)).flood;
  });
  afterAll(async () => {
    await h.destroy();
  });

  const cases = ROUTES.flatMap((route) => WHO.map((who) => ({ ...route, who })));
  it.each(cases)("$who: $name", async (route) => {
    const client = clients.get(route.who);
    if (!client) throw new Error("no client");
    const author = route.story === "own" && route.who !== "anonymous" ? client : owner;
    const story = await createDraft(author, { headline: `Matrix ${route.name} ${route.who}` });
    if (route.action === "story.unpublish" || route.action === "story.correct") {
      await (clients.get("editor") as Client).post(`/admin/stories/${story}/publish`);
    }
    const actor = actors.get(route.who) ?? null;
    const resourceOwner = route.story === "own" ? (actor?.id ?? null) : -1;
    const allowed = can(
      actor,
      route.action,
      route.story ? { ownerId: resourceOwner, assigneeId: null, status: "draft" } : undefined,
    );
    const response = await route.request(client, { story, topic });
    if (allowed) {
      expect(response.status, await response.clone().text()).toBeLessThan(400);
      expect(response.headers.get("location") ?? "").not.toContain("/admin/login");
    } else if (route.who === "anonymous") {
      expect([303, 403]).toContain(response.status);
      if (response.status === 303)
        expect(response.headers.get("location")).toContain("/admin/login");
    } else {
      expect(response.status).toBe(403);
    }
  });
});
