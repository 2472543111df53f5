import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  createNewsroomHarness,
  type NewsroomHarness,
  TEST_PASSWORD,
} from "../../../test/support/newsroom-harness.js";
import { expectDocumented } from "../../../test/support/openapi-check.js";
import { createDraft, STORY } from "../../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { seedTrends } from "../../../test/support/trend-fixtures.js";
import { systemContext } from "../audit-log.js";
import { createApiToken, revokeApiToken } from "../auth/api-tokens.js";
import { updateUser } from "../commands/user-commands.js";
import { type Action, type Actor, can } from "../policy.js";

/**
 * Every newsroom page and API operation, for every kind of caller, over a real socket:
 * the expected status of each cell is derived from the policy (`can`), so a route that
 * forgets to check, or checks the wrong action, fails here.
 */

type Who = "anonymous" | "writer" | "editor" | "admin" | "disabled" | "expired";
const WHO: Who[] = ["anonymous", "writer", "editor", "admin", "disabled", "expired"];
/** Callers whose cookie no longer names a live session. */
const SIGNED_OUT = new Set<Who>(["anonymous", "disabled", "expired"]);

type ApiWho = "none" | "forged" | "writer" | "editor" | "admin" | "disabled" | "revoked";
const API_WHO: ApiWho[] = ["none", "forged", "writer", "editor", "admin", "disabled", "revoked"];

interface Ids {
  story: number;
  topic: number;
  user: number;
  token: number;
}

interface RouteCase {
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH";
  action: Action;
  /** Whose draft the request targets, if any; "published" is someone else's, live. */
  story?: "own" | "other" | "published";
  /** Whether the path names a (throwaway) user or API token. */
  needs?: "user" | "token";
  path(ids: Ids): string;
  fields?: (ids: Ids) => Record<string, string>;
}

const newEmail = () => `u${Math.random().toString(36).slice(2)}@resou.example`;

const PAGES: RouteCase[] = [
  { name: "queue", method: "GET", action: "queue.view", path: () => "/admin" },
  { name: "new story", method: "GET", action: "story.create", path: () => "/admin/stories/new" },
  {
    name: "create story",
    method: "POST",
    action: "story.create",
    path: () => "/admin/stories",
    fields: () => STORY,
  },
  {
    name: "other's draft",
    method: "GET",
    action: "story.view",
    story: "other",
    path: (i) => `/admin/stories/${i.story}`,
  },
  {
    name: "own draft",
    method: "GET",
    action: "story.view",
    story: "own",
    path: (i) => `/admin/stories/${i.story}`,
  },
  {
    name: "save other's draft",
    method: "POST",
    action: "story.edit",
    story: "other",
    path: (i) => `/admin/stories/${i.story}`,
    fields: () => ({ ...STORY, base_revision: "1" }),
  },
  {
    name: "save own draft",
    method: "POST",
    action: "story.edit",
    story: "own",
    path: (i) => `/admin/stories/${i.story}`,
    fields: () => ({ ...STORY, lead: "New.", base_revision: "1" }),
  },
  {
    name: "autosave other's draft",
    method: "POST",
    action: "story.edit",
    story: "other",
    path: (i) => `/admin/stories/${i.story}/autosave`,
    fields: () => ({ ...STORY, lead: "Auto.", base_revision: "1" }),
  },
  {
    name: "revisions",
    method: "GET",
    action: "story.view",
    story: "other",
    path: (i) => `/admin/stories/${i.story}/revisions`,
  },
  {
    name: "restore",
    method: "POST",
    action: "story.edit",
    story: "other",
    path: (i) => `/admin/stories/${i.story}/restore`,
    fields: () => ({ number: "1", base_revision: "1" }),
  },
  {
    name: "preview",
    method: "GET",
    action: "story.view",
    story: "other",
    path: (i) => `/admin/stories/${i.story}/preview`,
  },
  {
    name: "preview other's draft",
    method: "POST",
    action: "story.view",
    story: "other",
    path: (i) => `/admin/stories/${i.story}/preview`,
    fields: () => STORY,
  },
  {
    name: "preview new story",
    method: "POST",
    action: "story.create",
    path: () => "/admin/stories/preview",
    fields: () => STORY,
  },
  {
    name: "publish own",
    method: "POST",
    action: "story.publish",
    story: "own",
    path: (i) => `/admin/stories/${i.story}/publish`,
  },
  {
    name: "schedule",
    method: "POST",
    action: "story.schedule",
    story: "other",
    path: (i) => `/admin/stories/${i.story}/schedule`,
    fields: () => ({ publish_at: "2030-01-01T09:00" }),
  },
  {
    name: "unpublish",
    method: "POST",
    action: "story.unpublish",
    story: "published",
    path: (i) => `/admin/stories/${i.story}/unpublish`,
  },
  {
    name: "correction",
    method: "POST",
    action: "story.correct",
    story: "published",
    path: (i) => `/admin/stories/${i.story}/corrections`,
    fields: () => ({ text: "A correction note long enough." }),
  },
  {
    name: "assign",
    method: "POST",
    action: "story.assign",
    story: "other",
    path: (i) => `/admin/stories/${i.story}/assign`,
    fields: () => ({ assignee_id: "0" }),
  },
  {
    name: "dismiss topic",
    method: "POST",
    action: "topic.dismiss",
    path: (i) => `/admin/topics/${i.topic}/dismiss`,
  },
  { name: "tokens", method: "GET", action: "tokens.own", path: () => "/admin/tokens" },
  {
    name: "create token",
    method: "POST",
    action: "tokens.own",
    path: () => "/admin/tokens",
    fields: () => ({ name: "script" }),
  },
  {
    name: "revoke token",
    needs: "token",
    method: "POST",
    action: "tokens.own",
    path: (i) => `/admin/tokens/${i.token}/revoke`,
  },
  { name: "own account", method: "GET", action: "tokens.own", path: () => "/admin/account" },
  { name: "users", method: "GET", action: "users.manage", path: () => "/admin/users" },
  {
    name: "add user",
    method: "POST",
    action: "users.manage",
    path: () => "/admin/users",
    fields: () => ({
      email: newEmail(),
      displayName: "U",
      role: "writer",
      password: TEST_PASSWORD,
    }),
  },
  {
    name: "change user",
    needs: "user",
    method: "POST",
    action: "users.manage",
    path: (i) => `/admin/users/${i.user}`,
    fields: () => ({ role: "writer" }),
  },
  {
    name: "reset password",
    needs: "user",
    method: "POST",
    action: "users.manage",
    path: (i) => `/admin/users/${i.user}/password`,
    fields: () => ({ password: "a fresh long passphrase" }),
  },
  { name: "audit log", method: "GET", action: "audit.view", path: () => "/admin/audit" },
  { name: "settings", method: "GET", action: "settings.manage", path: () => "/admin/settings" },
  {
    name: "change settings",
    method: "POST",
    action: "settings.manage",
    path: () => "/admin/settings",
    fields: () => ({ "queue.topic_limit": "40", "editor.autosave_seconds": "30" }),
  },
  {
    name: "reference data",
    method: "GET",
    action: "reference.view",
    path: () => "/admin/reference",
  },
  {
    name: "add reference outlet",
    method: "POST",
    action: "reference.manage",
    path: () => "/admin/reference/outlets",
    fields: () => ({
      name: `Outlet ${Math.random().toString(36).slice(2)}`,
      domain: "outlet.example.org",
      language: "en",
      country: "Ruritania",
    }),
  },
];

const CONTENT = { headline: "Typhoon reaches Shanghai", category: "Society", lead: "Winds." };

interface ApiCase extends Omit<RouteCase, "fields"> {
  body?: (ids: Ids) => unknown;
}

const API: ApiCase[] = [
  { name: "me", method: "GET", action: "tokens.own", path: () => "/api/v1/me" },
  { name: "topics", method: "GET", action: "queue.view", path: () => "/api/v1/topics" },
  { name: "stories", method: "GET", action: "queue.view", path: () => "/api/v1/stories" },
  {
    name: "create story",
    method: "POST",
    action: "story.create",
    path: () => "/api/v1/stories",
    body: () => ({ content: CONTENT }),
  },
  {
    name: "other's story",
    method: "GET",
    action: "story.view",
    story: "other",
    path: (i) => `/api/v1/stories/${i.story}`,
  },
  {
    name: "own story",
    method: "GET",
    action: "story.view",
    story: "own",
    path: (i) => `/api/v1/stories/${i.story}`,
  },
  {
    name: "save other's story",
    method: "PUT",
    action: "story.edit",
    story: "other",
    path: (i) => `/api/v1/stories/${i.story}`,
    body: () => ({ baseRevision: 1, content: CONTENT }),
  },
  {
    name: "save own story",
    method: "PUT",
    action: "story.edit",
    story: "own",
    path: (i) => `/api/v1/stories/${i.story}`,
    body: () => ({ baseRevision: 1, content: CONTENT }),
  },
  {
    name: "revisions",
    method: "GET",
    action: "story.view",
    story: "other",
    path: (i) => `/api/v1/stories/${i.story}/revisions`,
  },
  {
    name: "publish own",
    method: "POST",
    action: "story.publish",
    story: "own",
    path: (i) => `/api/v1/stories/${i.story}/publish`,
  },
  {
    name: "schedule",
    method: "POST",
    action: "story.schedule",
    story: "other",
    path: (i) => `/api/v1/stories/${i.story}/schedule`,
    body: () => ({ publishAt: "2030-01-01T09:00:00Z" }),
  },
  {
    name: "unpublish",
    method: "POST",
    action: "story.unpublish",
    story: "published",
    path: (i) => `/api/v1/stories/${i.story}/unpublish`,
  },
  {
    name: "correction",
    method: "POST",
    action: "story.correct",
    story: "published",
    path: (i) => `/api/v1/stories/${i.story}/corrections`,
    body: () => ({ text: "A correction note long enough." }),
  },
  {
    name: "assign",
    method: "POST",
    action: "story.assign",
    story: "other",
    path: (i) => `/api/v1/stories/${i.story}/assign`,
    body: () => ({ assigneeId: null }),
  },
  {
    name: "restore",
    method: "POST",
    action: "story.edit",
    story: "other",
    path: (i) => `/api/v1/stories/${i.story}/restore`,
    body: () => ({ number: 1, baseRevision: 1 }),
  },
  {
    name: "dismiss topic",
    method: "POST",
    action: "topic.dismiss",
    path: (i) => `/api/v1/topics/${i.topic}/dismiss`,
  },
  { name: "users", method: "GET", action: "users.manage", path: () => "/api/v1/users" },
  {
    name: "add user",
    method: "POST",
    action: "users.manage",
    path: () => "/api/v1/users",
    body: () => ({ email: newEmail(), displayName: "U", role: "writer", password: TEST_PASSWORD }),
  },
  {
    name: "change user",
    needs: "user",
    method: "PATCH",
    action: "users.manage",
    path: (i) => `/api/v1/users/${i.user}`,
    body: () => ({ role: "writer" }),
  },
  {
    name: "reset password",
    needs: "user",
    method: "POST",
    action: "users.manage",
    path: (i) => `/api/v1/users/${i.user}/password`,
    body: () => ({ password: "a fresh long passphrase" }),
  },
  { name: "audit log", method: "GET", action: "audit.view", path: () => "/api/v1/audit" },
];

/** What the policy says this caller should get: a status, or "ok" for any success. */
function expected(
  actor: Actor | null,
  route: { action: Action; story?: RouteCase["story"] },
): number | "ok" {
  if (!actor) return 0;
  const resource = route.story
    ? {
        ownerId: route.story === "own" ? actor.id : -1,
        assigneeId: null,
        status: route.story === "published" ? ("published" as const) : ("draft" as const),
      }
    : undefined;
  if (resource && !can(actor, "story.view", resource)) return 404;
  return can(actor, route.action, resource) ? "ok" : 403;
}

describe.each(TEST_DIALECTS)("role × action over HTTP (%s)", (dialect) => {
  let h: NewsroomHarness;
  const clients = new Map<Who, Client>();
  const actors = new Map<Who, Actor>();
  const tokens = new Map<ApiWho, string>();
  const tokenActors = new Map<ApiWho, Actor>();
  let owner: Client;
  let editor: Client;
  let topic = 0;

  beforeAll(async () => {
    h = await createNewsroomHarness(dialect, undefined, {}, { transport: "socket" });
    const now = h.clock.now();
    for (const who of WHO) {
      if (who === "anonymous") {
        clients.set(who, h.anonymous());
        continue;
      }
      const role = who === "disabled" ? "writer" : who === "expired" ? "editor" : who;
      const user = await h.addUser(role);
      clients.set(who, await h.login(user.email));
      actors.set(who, { id: user.id, email: user.email, role });
      if (who === "writer" || who === "editor" || who === "admin" || who === "disabled") {
        const { id, token } = await createApiToken(h.database.db, user.id, "t", systemContext, now);
        tokens.set(who, token);
        tokenActors.set(who, { id: user.id, email: user.email, role });
        if (who === "writer") {
          const revoked = await createApiToken(h.database.db, user.id, "r", systemContext, now);
          await revokeApiToken(h.database.db, user.id, revoked.id, systemContext, now);
          tokens.set("revoked", revoked.token);
          void id;
        }
      }
      if (who === "disabled") {
        await updateUser(h.database.db, user.id, { disabled: true }, systemContext, now);
      }
      if (who === "expired") {
        await h.database.db
          .updateTable("newsroom_session")
          .set({ expires_at: new Date(now.getTime() - 1000).toISOString() })
          .where("user_id", "=", user.id)
          .execute();
      }
    }
    tokens.set("forged", "rsu_forged-token-that-was-never-issued-at-all-1234567");
    owner = await h.login((await h.addUser("writer")).email);
    editor = clients.get("editor") as Client;
    topic = (await seedTrends(h.database.db)).flood;
  });
  afterAll(async () => {
    await h.destroy();
  });

  const shared = new Map<string, Promise<number>>();
  /**
   * Targets for one cell: a story of the right kind, a user, a token. A cell that should
   * change something gets fresh ones; a refused cell reuses one per kind (nothing changes).
   */
  const targets = async (
    route: Pick<RouteCase, "story" | "needs">,
    author: Client,
    key: string,
    fresh: boolean,
  ): Promise<Ids> => {
    const make = async () => {
      const kind = route.story ?? "other";
      const id = await createDraft(kind === "own" ? author : owner, { headline: `Matrix ${key}` });
      if (kind === "published") await editor.post(`/admin/stories/${id}/publish`);
      return id;
    };
    let story = 0;
    if (route.story && fresh) story = await make();
    else if (route.story) {
      const cacheKey = `${route.story}:${key}`;
      if (!shared.has(cacheKey)) shared.set(cacheKey, make());
      story = await (shared.get(cacheKey) as Promise<number>);
    }
    let user = 0;
    let token = 0;
    if (route.needs) {
      user = (await h.addUser("writer")).id;
      if (route.needs === "token")
        token = (await createApiToken(h.database.db, user, "x", systemContext, h.clock.now())).id;
    }
    return { story, topic, user, token };
  };

  const pageCases = PAGES.flatMap((route) => WHO.map((who) => ({ ...route, who })));
  it.each(pageCases)("page $who: $method $name", async (route) => {
    const client = clients.get(route.who) as Client;
    const author = route.story === "own" && !SIGNED_OUT.has(route.who) ? client : owner;
    const want = expected(
      SIGNED_OUT.has(route.who) ? null : (actors.get(route.who) ?? null),
      route,
    );
    const ids = await targets(route, author, `page ${route.who}`, want === "ok");
    const path = route.path(ids);
    const response =
      route.method === "GET"
        ? await client.get(path)
        : await client.post(path, route.fields?.(ids));
    const location = response.headers.get("location") ?? "";
    if (want === 0) {
      // Signed out: a GET is sent to sign in; a POST gets the sign-in form (its text kept).
      if (route.method === "GET") {
        expect(response.status).toBe(303);
        expect(location).toBe(`/admin/login?next=${encodeURIComponent(path)}`);
      } else {
        expect(response.status).toBe(403);
        // The editor's autosave answers its script in JSON; every form gets the sign-in page.
        expect(await response.text()).toMatch(/action="\/admin\/login"|Sign in again/);
      }
    } else if (want === "ok") {
      expect(response.status, await response.clone().text()).toBeLessThan(400);
      expect(location).not.toContain("/admin/login");
    } else {
      expect(response.status).toBe(want);
    }
  });

  const apiCases = API.flatMap((route) => API_WHO.map((who) => ({ ...route, who })));
  it.each(apiCases)("api $who: $method $name", async (route) => {
    const writer = clients.get("writer") as Client;
    const actor = route.who === "disabled" ? undefined : tokenActors.get(route.who);
    const want = expected(actor ?? null, route);
    const ids = await targets(route, writer, "api", want === "ok");
    const path = route.path(ids);
    const token = tokens.get(route.who);
    const body = route.body?.(ids);
    const response = await h.request(path, {
      method: route.method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await expectDocumented(route.method, path, response);
    if (want === 0) expect(response.status).toBe(401);
    else if (want === "ok") expect(response.status, await response.text()).toBeLessThan(400);
    else expect(response.status).toBe(want);
  });
});
