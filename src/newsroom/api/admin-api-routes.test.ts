import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createNewsroomHarness,
  type NewsroomHarness,
  TEST_PASSWORD,
} from "../../../test/support/newsroom-harness.js";
import { DOCUMENTED, expectDocumented } from "../../../test/support/openapi-check.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { systemContext } from "../audit-log.js";
import { createApiToken } from "../auth/api-tokens.js";

describe.each(TEST_DIALECTS)("admin API on %s", (dialect) => {
  let h: NewsroomHarness;
  let admin = "";
  let editor = "";
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect);
    const now = h.clock.now();
    admin = (
      await createApiToken(h.database.db, (await h.addUser("admin")).id, "ops", systemContext, now)
    ).token;
    editor = (
      await createApiToken(h.database.db, (await h.addUser("editor")).id, "ops", systemContext, now)
    ).token;
  });
  afterEach(async () => {
    await h.destroy();
  });

  const covered = new Set<string>();
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await h.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    covered.add(await expectDocumented(method, path.replace(/\?.*$/, ""), response));
    return response;
  };

  it("manages users and reads the audit log, admins only", async () => {
    expect((await call(editor, "GET", "/api/v1/users")).status).toBe(403);
    expect((await call(editor, "GET", "/api/v1/audit")).status).toBe(403);
    const bad = await call(admin, "POST", "/api/v1/users", {
      email: "x",
      displayName: "",
      role: "writer",
      password: "short",
    });
    expect(bad.status).toBe(422);
    const created = await call(admin, "POST", "/api/v1/users", {
      email: "New@Resou.example",
      displayName: "New",
      role: "writer",
      password: TEST_PASSWORD,
    });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { user: { id: number; email: string } }).user.id;
    const promoted = await call(admin, "PATCH", `/api/v1/users/${id}`, { role: "editor" });
    expect(((await promoted.json()) as { user: { role: string } }).user.role).toBe("editor");
    expect(
      (
        await call(admin, "POST", `/api/v1/users/${id}/password`, {
          password: "another long passphrase",
        })
      ).status,
    ).toBe(200);
    expect((await call(admin, "PATCH", "/api/v1/users/9999", { disabled: true })).status).toBe(404);
    expect((await call(admin, "GET", "/api/v1/users")).status).toBe(200);
    const log = await call(admin, "GET", "/api/v1/audit?action=user");
    const actions = ((await log.json()) as { events: { action: string }[] }).events.map(
      (e) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(["user.create", "user.update", "user.password.reset"]),
    );
    const adminOps = DOCUMENTED.filter((op) => /\/api\/v1\/(users|audit)/.test(op));
    expect([...covered].sort()).toEqual(adminOps.sort());
  });

  it("refuses to demote the last admin", async () => {
    const users = (await (await call(admin, "GET", "/api/v1/users")).json()) as {
      users: { id: number; role: string }[];
    };
    const adminId = users.users.find((u) => u.role === "admin")?.id;
    expect(
      (await call(admin, "PATCH", `/api/v1/users/${adminId}`, { role: "writer" })).status,
    ).toBe(409);
  });
});
