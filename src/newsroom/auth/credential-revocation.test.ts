import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Client,
  createNewsroomHarness,
  type NewsroomHarness,
  TEST_PASSWORD,
} from "../../../test/support/newsroom-harness.js";
import { expectDocumented } from "../../../test/support/openapi-check.js";
import { createDraft } from "../../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { systemContext } from "../audit-log.js";
import { createApiToken } from "./api-tokens.js";

describe.each(TEST_DIALECTS)("credentials end with the account's trust, on %s", (dialect) => {
  let h: NewsroomHarness;
  let admin: Client;
  let adminToken: string;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect);
    const a = await h.addUser("admin");
    admin = await h.login(a.email);
    adminToken = (await createApiToken(h.database.db, a.id, "ops", systemContext, h.clock.now()))
      .token;
  });
  afterEach(async () => {
    await h.destroy();
  });

  const bearer = (token: string, path = "/api/v1/me", init: RequestInit = {}) =>
    h.request(path, {
      ...init,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    });

  /** A user with a signed-in browser and an API token that both work. */
  const withCredentials = async (role: "writer" | "editor") => {
    const user = await h.addUser(role);
    const client = await h.login(user.email);
    const { token } = await createApiToken(
      h.database.db,
      user.id,
      "script",
      systemContext,
      h.clock.now(),
    );
    expect((await bearer(token)).status).toBe(200);
    expect((await client.get("/admin")).status).toBe(200);
    return { ...user, client, token };
  };

  const expectRevoked = async (u: { id: number; client: Client; token: string }) => {
    expect((await bearer(u.token)).status).toBe(401);
    const page = await u.client.get("/admin");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toContain("/admin/login");
    const live = await h.database.db
      .selectFrom("api_token")
      .select("id")
      .where("user_id", "=", u.id)
      .where("revoked_at", "is", null)
      .execute();
    expect(live).toEqual([]);
  };

  const lastAudit = async (action: string) => {
    const row = await h.database.db
      .selectFrom("audit_event")
      .select(["detail", "target_id"])
      .where("action", "=", action)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    return { targetId: row.target_id, detail: JSON.parse(row.detail ?? "{}") as unknown };
  };

  it("a password reset by an admin revokes the user's tokens and sessions, audited", async () => {
    const w = await withCredentials("writer");
    const reset = await admin.post(`/admin/users/${w.id}/password`, {
      password: "a brand new passphrase",
    });
    expect(reset.status).toBe(200);
    await expectRevoked(w);
    expect(await lastAudit("user.password.reset")).toEqual({
      targetId: String(w.id),
      detail: { sessionsEnded: 1, tokensRevoked: 1 },
    });
  });

  it("the same through the API", async () => {
    const w = await withCredentials("writer");
    const path = `/api/v1/users/${w.id}/password`;
    const reset = await bearer(adminToken, path, {
      method: "POST",
      body: JSON.stringify({ password: "a brand new passphrase" }),
    });
    await expectDocumented("POST", path, reset);
    expect(reset.status).toBe(200);
    await expectRevoked(w);
  });

  it("disabling an account revokes its tokens and sessions", async () => {
    const w = await withCredentials("writer");
    const path = `/api/v1/users/${w.id}`;
    const disabled = await bearer(adminToken, path, {
      method: "PATCH",
      body: JSON.stringify({ disabled: true }),
    });
    await expectDocumented("PATCH", path, disabled);
    expect(disabled.status).toBe(200);
    await expectRevoked(w);
    // Enabling again does not bring the old credentials back.
    await admin.post(`/admin/users/${w.id}`, { role: "writer" });
    expect((await bearer(w.token)).status).toBe(401);
    const fresh = await h.login(w.email);
    expect((await fresh.get("/admin")).status).toBe(200);
  });

  it("a lower role revokes the credentials issued under the higher one; a higher role keeps them", async () => {
    const e = await withCredentials("editor");
    expect((await admin.post(`/admin/users/${e.id}`, { role: "writer" })).status).toBe(200);
    await expectRevoked(e);
    expect(await lastAudit("user.update")).toEqual({
      targetId: String(e.id),
      detail: { role: "writer", disabled: false, sessionsEnded: 1, tokensRevoked: 1 },
    });
    const w = await withCredentials("writer");
    expect((await admin.post(`/admin/users/${w.id}`, { role: "editor" })).status).toBe(200);
    expect((await bearer(w.token)).status).toBe(200);
    expect((await w.client.get("/admin/stories/new")).status).toBe(200);
  });

  it("a user's own password change ends their other sessions in the same step", async () => {
    const w = await withCredentials("writer");
    const other = await h.login(w.email);
    const changed = await w.client.post("/admin/account/password", {
      current: TEST_PASSWORD,
      next: "another long passphrase",
    });
    expect(changed.status).toBe(200);
    expect((await other.get("/admin")).status).toBe(303);
    expect((await w.client.get("/admin")).status).toBe(200);
    // Tokens are the user's own to list and revoke; a routine change keeps them.
    expect((await bearer(w.token)).status).toBe(200);
  });
});

describe.each(TEST_DIALECTS)("a story one may not see looks missing, on %s", (dialect) => {
  let h: NewsroomHarness;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect);
  });
  afterEach(async () => {
    await h.destroy();
  });

  it("answers a writer exactly as for a missing id, in pages and the API", async () => {
    const owner = await h.login((await h.addUser("writer")).email);
    const hidden = await createDraft(owner, { headline: "Someone else's draft" });
    const w = await h.addUser("writer");
    const writer = await h.login(w.email);
    const own = await createDraft(writer, { headline: "My own draft" });
    const { token } = await createApiToken(h.database.db, w.id, "s", systemContext, h.clock.now());
    const missing = 999_999;

    const html = async (method: "GET" | "POST", suffix: string, id: number) => {
      const path = `/admin/stories/${id}${suffix}`;
      const r = method === "GET" ? await writer.get(path) : await writer.post(path, {});
      return { status: r.status, body: await r.text() };
    };
    for (const [method, suffix] of [
      ["GET", ""],
      ["GET", "/preview"],
      ["GET", "/revisions"],
      ["POST", ""],
      ["POST", "/publish"],
      ["POST", "/assign"],
      ["POST", "/restore"],
      ["POST", "/autosave"],
    ] as const) {
      const a = await html(method, suffix, hidden);
      const b = await html(method, suffix, missing);
      expect(a.status, `${method} ${suffix}`).toBe(404);
      expect(a, `${method} ${suffix}`).toEqual(b);
    }

    const api = async (method: string, suffix: string, id: number, body?: unknown) => {
      const path = `/api/v1/stories/${id}${suffix}`;
      const r = await h.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      await expectDocumented(method, path, r.clone());
      return { status: r.status, body: await r.text() };
    };
    for (const [method, suffix, body] of [
      ["GET", "", undefined],
      ["GET", "/revisions", undefined],
      ["PUT", "", { baseRevision: 1, content: { headline: "X", category: "Society" } }],
      ["POST", "/publish", undefined],
      ["POST", "/unpublish", undefined],
    ] as const) {
      const a = await api(method, suffix, hidden, body);
      const b = await api(method, suffix, missing, body);
      expect(a.status, `${method} ${suffix}`).toBe(404);
      expect(a, `${method} ${suffix}`).toEqual(b);
    }

    // What the writer may see but not do is still a plain refusal.
    expect((await writer.post(`/admin/stories/${own}/publish`)).status).toBe(403);
    expect((await api("POST", "/publish", own)).status).toBe(403);
  });
});
