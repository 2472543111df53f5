import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Client,
  createNewsroomHarness,
  formBody,
  type NewsroomHarness,
  SITE,
  TEST_PASSWORD,
} from "../../../test/support/newsroom-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { systemContext } from "../audit-log.js";
import { createApiToken } from "../auth/api-tokens.js";

const cookieOf = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith(`${name}=`));

/** `npm start` with only the web role, on the harness's database; resolves to its origin. */
function startServerProcess(h: NewsroomHarness): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: h.database.url,
      ...(h.database.dialect === "postgres" ? { DATABASE_SCHEMA: h.database.schema } : {}),
      ROLES: "web",
      PORT: "0",
      HOST: "127.0.0.1",
      DEMO_CONTENT: "0",
      SITE_URL: SITE,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      const url = /"msg":"site is up"/.test(line) ? /"url":"([^"]+)"/.exec(line)?.[1] : undefined;
      if (url) resolve({ child, origin: url.replace(/\/$/, "") });
    });
  });
}

describe.each(TEST_DIALECTS)("sessions, CSRF and revocation over HTTP (%s)", (dialect) => {
  let h: NewsroomHarness;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    // The real time, so a second process on the system clock accepts these sessions.
    h = await createNewsroomHarness(dialect, new Date().toISOString(), {}, { transport: "socket" });
  });
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child?.once("exit", done));
      child.kill("SIGTERM");
      await exited;
    }
    child = undefined;
    await h.destroy();
  });

  const users = async () =>
    (await h.database.db.selectFrom("newsroom_user").select("email").execute()).length;
  const audited = async (action: string) =>
    (
      await h.database.db
        .selectFrom("audit_event")
        .select("id")
        .where("action", "=", action)
        .execute()
    ).length;

  it("refuses a state change without our token or from another origin, and changes nothing", async () => {
    const admin = await h.login((await h.addUser("admin")).email);
    const editor = await h.login((await h.addUser("editor")).email);
    const before = await users();
    const body = {
      email: "new@resou.example",
      displayName: "New",
      role: "admin",
      password: TEST_PASSWORD,
    };
    const refused = [
      await admin.post("/admin/users", { ...body, _csrf: "" }),
      await admin.post("/admin/users", { ...body, _csrf: editor.csrf }),
      await admin.post("/admin/users", body, { origin: "https://evil.example" }),
      await admin.post("/admin/users", body, { "sec-fetch-site": "cross-site" }),
      await admin.post("/admin/users", body, { origin: "null" }),
    ];
    for (const r of refused) {
      expect(r.status).toBe(403);
      expect(await r.text()).toContain("nothing was changed");
    }
    expect(await users()).toBe(before);
    expect(await audited("csrf.rejected")).toBe(refused.length);
    expect(await audited("user.create")).toBe(2);
    // The same request from our own page goes through, so the refusals above were real.
    const ok = await admin.post("/admin/users", body, { origin: SITE });
    expect(ok.status).toBe(200);
    expect(await users()).toBe(before + 1);
  });

  it("refuses a sign-in posted without the login form's own token", async () => {
    const user = await h.addUser("editor");
    const forged = await h.request("/admin/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: formBody({ email: user.email, password: TEST_PASSWORD }),
    });
    expect(forged.status).toBe(403);
    expect(cookieOf(forged, "resou_session")).toBeUndefined();
    expect(await audited("login")).toBe(0);
  });

  it("never adopts a session id the browser brought, and issues a new one at every sign-in", async () => {
    const user = await h.addUser("editor");
    const planted = `resou_session=${"P".repeat(43)}`;
    const form = await h.request("/admin/login", { headers: { cookie: planted } });
    const csrfCookie = cookieOf(form, "resou_login_csrf") ?? "";
    const signIn = (cookie: string) =>
      h.request("/admin/login", {
        method: "POST",
        headers: {
          cookie: `${cookie}; ${csrfCookie}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: formBody({
          _csrf: csrfCookie.split("=")[1] ?? "",
          email: user.email,
          password: TEST_PASSWORD,
        }),
      });
    const first = await signIn(planted);
    expect(first.status).toBe(303);
    const issued = cookieOf(first, "resou_session") ?? "";
    expect(issued).toMatch(/^resou_session=[\w-]{43}$/);
    expect(issued).not.toBe(planted);
    const get = (cookie: string) => h.request("/admin", { headers: { cookie } });
    expect((await get(planted)).status).toBe(303);
    expect((await get(issued)).status).toBe(200);

    // Signing in again from a live session replaces it: the old id stops working.
    const second = await signIn(issued);
    const reissued = cookieOf(second, "resou_session") ?? "";
    expect(reissued).toMatch(/^resou_session=[\w-]{43}$/);
    expect(reissued).not.toBe(issued);
    expect((await get(issued)).status).toBe(303);
    expect((await get(reissued)).status).toBe(200);
  });

  // Starting a second server (tsx compiling the app) takes seconds on a busy machine: the
  // bound is generous, while every check after start-up is a single request.
  it("ends revoked tokens and reset sessions at once in another server process", async () => {
    const admin = await h.login((await h.addUser("admin")).email);
    const writer = await h.addUser("writer");
    const browser: Client = await h.login(writer.email);
    const now = h.clock.now();
    const kept = await createApiToken(h.database.db, writer.id, "kept", systemContext, now);
    const dropped = await createApiToken(h.database.db, writer.id, "dropped", systemContext, now);
    const server = await startServerProcess(h);
    child = server.child;
    const other = {
      me: (token: string) =>
        fetch(`${server.origin}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } }),
      page: () =>
        fetch(`${server.origin}/admin`, {
          headers: { cookie: browser.cookie },
          redirect: "manual",
        }),
    };
    expect((await other.me(kept.token)).status).toBe(200);
    expect((await other.me(dropped.token)).status).toBe(200);
    expect((await other.page()).status).toBe(200);

    // The owner revokes one token here; the other process refuses it on its next request.
    const revoke = await browser.post(`/admin/tokens/${dropped.id}/revoke`);
    expect(revoke.status).toBe(303);
    expect((await other.me(dropped.token)).status).toBe(401);
    expect((await other.me(kept.token)).status).toBe(200);

    // An admin resets the password here: the other process drops the session and the token.
    const reset = await admin.post(`/admin/users/${writer.id}/password`, {
      password: "a brand new passphrase",
    });
    expect(reset.status).toBe(200);
    expect((await other.me(kept.token)).status).toBe(401);
    const page = await other.page();
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toContain("/admin/login");
  }, 120_000);
});
