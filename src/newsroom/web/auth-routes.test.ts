import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createNewsroomHarness,
  formBody,
  type NewsroomHarness,
  SITE,
  TEST_PASSWORD,
} from "../../../test/support/newsroom-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { listAudit } from "../audit-log.js";

describe.each(TEST_DIALECTS)("newsroom sign-in, sessions and CSRF on %s", (dialect) => {
  let h: NewsroomHarness;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect);
  });
  afterEach(async () => {
    await h.destroy();
  });

  const actions = async () => (await listAudit(h.database.db, { limit: 100 })).map((r) => r.action);

  it("offers a one-time setup page that creates the first admin, then disappears", async () => {
    expect((await h.request("/admin/login")).headers.get("location")).toBe("/admin/setup");
    const form = await h.request("/admin/setup");
    expect(form.status).toBe(200);
    const cookie = form.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const token = cookie.split("=")[1] ?? "";
    const bad = await h.request("/admin/setup", {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: formBody({
        _csrf: token,
        email: "not-an-email",
        displayName: "<script>x</script>",
        password: "short",
      }),
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("must be an email address");
    expect(html).toContain("at least 12 characters");
    expect(html).not.toContain("<script>x</script>");
    const ok = await h.request("/admin/setup", {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: formBody({
        _csrf: token,
        email: "Chief@Resou.example",
        displayName: "Chief",
        password: TEST_PASSWORD,
      }),
    });
    expect(ok.status).toBe(303);
    expect((await h.request("/admin/setup")).status).toBe(404);
    const admin = await h.login("chief@resou.example");
    expect((await admin.get("/admin/users")).status).toBe(200);
  });

  it("sets a hardened session cookie and audits the login", async () => {
    await h.addUser("editor", "ed@resou.example");
    const form = await h.request("/admin/login");
    const loginCookie = form.headers.getSetCookie()[0] ?? "";
    const response = await h.request("/admin/login", {
      method: "POST",
      headers: {
        cookie: loginCookie.split(";")[0] ?? "",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: formBody({
        _csrf: loginCookie.split(";")[0]?.split("=")[1] ?? "",
        email: "ed@resou.example",
        password: TEST_PASSWORD,
      }),
    });
    expect(response.status).toBe(303);
    const cookie =
      response.headers.getSetCookie().find((c) => c.startsWith("resou_session=")) ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(await actions()).toContain("login");
    const rows = await h.database.db.selectFrom("audit_event").select("detail").execute();
    expect(rows.map((r) => r.detail).join(" ")).not.toContain(TEST_PASSWORD);
  });

  it("refuses a login form posted without the double-submit token", async () => {
    await h.addUser("editor", "ed@resou.example");
    const response = await h.request("/admin/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: formBody({ email: "ed@resou.example", password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(403);
    expect(await actions()).toContain("csrf.rejected");
  });

  it("locks an email out after repeated failures, with growing back-off", async () => {
    await h.addUser("writer", "w@resou.example");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const attempt = h.login("w@resou.example", "wrong password!!").catch((e: Error) => e.message);
      statuses.push(Number(String(await attempt).match(/\d+$/)?.[0]));
    }
    // The 5th failure earns a 30 s lock; the 6th attempt is refused without a check.
    expect(statuses).toEqual([422, 422, 422, 422, 429, 429]);
    await expect(h.login("w@resou.example")).rejects.toThrow(/429/);
    h.clock.set("2025-08-27T12:00:31Z");
    // Unlocked; one more failure doubles the lock to 60 s.
    await expect(h.login("w@resou.example", "still wrong!!!!")).rejects.toThrow(/429/);
    h.clock.set("2025-08-27T12:01:00Z");
    await expect(h.login("w@resou.example")).rejects.toThrow(/429/);
    h.clock.set("2025-08-27T12:01:32Z");
    const client = await h.login("w@resou.example");
    expect((await client.get("/admin/account")).status).toBe(200);
    const log = await actions();
    expect(log.filter((a) => a === "login.failed")).toHaveLength(6);
    expect(log).toContain("login.locked");
  });

  it("requires the session's CSRF token and our origin on every state change", async () => {
    const admin = await h.addUser("admin");
    const client = await h.login(admin.email);
    const body = {
      email: "new@resou.example",
      displayName: "New",
      role: "writer",
      password: TEST_PASSWORD,
    };
    expect((await client.post("/admin/users", { ...body, _csrf: "forged" })).status).toBe(403);
    expect(
      (await client.post("/admin/users", body, { origin: "https://evil.example" })).status,
    ).toBe(403);
    expect(
      (await client.post("/admin/users", body, { "sec-fetch-site": "cross-site" })).status,
    ).toBe(403);
    const viaHeader = await h.request("/admin/users", {
      method: "POST",
      headers: {
        cookie: client.cookie,
        "content-type": "application/x-www-form-urlencoded",
        "x-csrf-token": client.csrf,
        origin: SITE,
      },
      body: formBody(body),
    });
    expect(viaHeader.status).toBe(200);
    expect(await viaHeader.text()).toContain("Added new@resou.example");
    expect((await actions()).filter((a) => a === "csrf.rejected")).toHaveLength(3);
  });

  it("ends sessions on logout, logout everywhere, expiry and admin password reset", async () => {
    const admin = await h.addUser("admin");
    const writer = await h.addUser("writer");
    const a = await h.login(writer.email);
    const b = await h.login(writer.email);
    expect((await a.post("/admin/logout")).status).toBe(303);
    expect((await a.get("/admin/account")).status).toBe(303);
    expect((await b.get("/admin/account")).status).toBe(200);

    const c = await h.login(writer.email);
    await b.post("/admin/logout-everywhere");
    expect((await b.get("/admin/account")).status).toBe(303);
    expect((await c.get("/admin/account")).status).toBe(303);

    const d = await h.login(writer.email);
    h.clock.set("2025-08-28T01:00:01Z"); // 13 h idle > 12 h
    expect((await d.get("/admin/account")).status).toBe(303);

    const e = await h.login(writer.email);
    const boss = await h.login(admin.email);
    const reset = await boss.post(`/admin/users/${writer.id}/password`, {
      password: "a whole new passphrase",
    });
    expect(reset.status).toBe(200);
    expect((await e.get("/admin/account")).status).toBe(303);
    await expect(h.login(writer.email)).rejects.toThrow();
    expect((await h.login(writer.email, "a whole new passphrase")).cookie).toBeTruthy();
  });

  it("lets a user change their own password, ending their other sessions", async () => {
    const user = await h.addUser("editor");
    const here = await h.login(user.email);
    const there = await h.login(user.email);
    const wrong = await here.post("/admin/account/password", {
      current: "nope",
      next: "another long password",
    });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("is not your current password");
    const ok = await here.post("/admin/account/password", {
      current: TEST_PASSWORD,
      next: "another long password",
    });
    expect(ok.status).toBe(200);
    expect((await here.get("/admin/account")).status).toBe(200);
    expect((await there.get("/admin/account")).status).toBe(303);
  });

  it("refuses admin pages to others and audits the denial", async () => {
    const writer = await h.addUser("writer");
    const editor = await h.addUser("editor");
    expect((await h.anonymous().get("/admin/users")).status).toBe(303);
    expect((await (await h.login(writer.email)).get("/admin/users")).status).toBe(403);
    expect((await (await h.login(editor.email)).get("/admin/audit")).status).toBe(403);
    expect((await actions()).filter((a) => a === "permission.denied")).toHaveLength(2);
  });

  it("shows admins the audit log with who, what and when", async () => {
    const admin = await h.addUser("admin");
    await h.login(admin.email, "wrong password!!").catch(() => undefined);
    const client = await h.login(admin.email);
    const html = await (await client.get("/admin/audit")).text();
    expect(html).toContain("login.failed");
    expect(html).toContain("wrong password");
    expect(html).toContain(admin.email);
    const filtered = await (await client.get("/admin/audit?action=login.failed")).text();
    expect(filtered).not.toContain("<td>login</td>");
  });

  it("lets two sign-in tabs share one login token", async () => {
    await h.addUser("writer");
    const first = await h.request("/admin/login");
    const cookie = first.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const second = await h.request("/admin/login", { headers: { cookie } });
    expect(second.headers.getSetCookie()).toHaveLength(0);
    expect(await second.text()).toContain(`value="${cookie.split("=")[1]}"`);
  });

  it("keeps the audit log append-only in the database", async () => {
    await h.addUser("admin");
    await expect(
      h.database.db.updateTable("audit_event").set({ action: "x" }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(h.database.db.deleteFrom("audit_event").execute()).rejects.toThrow(/append-only/);
  });
});
