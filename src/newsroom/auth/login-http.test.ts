import { afterEach, describe, expect, it } from "vitest";
import {
  createNewsroomHarness,
  formBody,
  type HarnessOptions,
  type NewsroomHarness,
  TEST_PASSWORD,
} from "../../../test/support/newsroom-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { createPasswordGate, type PasswordGate } from "./password-gate.js";
import { hashPassword } from "./password-hash.js";

const EMAIL = "w@resou.example";
const WRONG = "wrong password!!";

describe.each(TEST_DIALECTS)("sign-in under parallel attack, over HTTP, on %s", (dialect) => {
  let h: NewsroomHarness;
  afterEach(async () => {
    await h?.destroy();
  });

  const start = async (newsroom: HarnessOptions["newsroom"] = {}) => {
    h = await createNewsroomHarness(dialect, undefined, {}, { transport: "socket", newsroom });
  };

  /** The login form's double-submit cookie, shared by every attempt. */
  const loginCookie = async () => {
    const form = await h.request("/admin/login");
    const cookie = form.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    return { cookie, token: cookie.split("=")[1] ?? "" };
  };

  const attempt = (csrf: { cookie: string; token: string }, email: string, password: string) =>
    h.request("/admin/login", {
      method: "POST",
      headers: { cookie: csrf.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: formBody({ _csrf: csrf.token, email, password }),
    });

  const audited = async (action: string) =>
    (
      await h.database.db
        .selectFrom("audit_event")
        .select("id")
        .where("action", "=", action)
        .execute()
    ).length;

  const throttleRow = (key: string) =>
    h.database.db
      .selectFrom("login_throttle")
      .selectAll()
      .where("key", "=", key)
      .executeTakeFirst();

  it("checks at most the free attempts of 30 wrong and 1 right at once, and keeps the lock", async () => {
    // A gate wide enough that only the database reservation stands in the way.
    await start({ passwordChecks: createPasswordGate(64) });
    await h.addUser("writer", EMAIL);
    const csrf = await loginCookie();
    const passwords = Array.from({ length: 31 }, (_, i) => (i === 15 ? TEST_PASSWORD : WRONG));
    const responses = await Promise.all(passwords.map((p) => attempt(csrf, EMAIL, p)));
    for (const r of responses) expect([303, 422, 429]).toContain(r.status);

    const wrongChecked = await audited("login.failed");
    // Five free failures per account; the fifth reservation locks before it is checked.
    expect(wrongChecked).toBeLessThanOrEqual(5);
    expect(wrongChecked).toBeGreaterThanOrEqual(4);
    expect(await audited("login")).toBeLessThanOrEqual(1);
    expect(await audited("login.locked")).toBe(31 - wrongChecked - (await audited("login")));

    // The right password, if it got in, took back only its own attempt.
    const row = await throttleRow(`email:${EMAIL}`);
    expect(row?.failures).toBe(wrongChecked);
    expect((row?.locked_until ?? "") > h.clock.now().toISOString()).toBe(true);

    // Still locked: the right password is refused without a check.
    const again = await attempt(csrf, EMAIL, TEST_PASSWORD);
    expect(again.status).toBe(429);
    expect(await audited("login.failed")).toBe(wrongChecked);
  });

  it("locks a client address after its free attempts, across many accounts at once", async () => {
    await start({ passwordChecks: createPasswordGate(64) });
    await h.addUser("writer", EMAIL);
    const csrf = await loginCookie();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt(csrf, `nobody${i}@resou.example`, WRONG)),
    );
    for (const r of responses) expect([422, 429]).toContain(r.status);
    const checked = await audited("login.failed");
    expect(checked).toBeLessThanOrEqual(20);
    const row = await throttleRow("ip:127.0.0.1");
    expect(row?.failures).toBe(checked);
    expect((row?.locked_until ?? "") > h.clock.now().toISOString()).toBe(true);
  });

  it("answers 429 without checking when every password-check slot is busy", async () => {
    const gate: PasswordGate = createPasswordGate(2);
    await start({ passwordChecks: gate });
    await h.addUser("writer", EMAIL);
    const csrf = await loginCookie();
    const held = [gate.tryAcquire(), gate.tryAcquire()];
    expect(held.every((release) => release !== undefined)).toBe(true);
    const busy = await attempt(csrf, EMAIL, TEST_PASSWORD);
    expect(busy.status).toBe(429);
    expect(busy.headers.get("retry-after")).toBe("1");
    expect(await busy.text()).toContain("Too many sign-ins at once");
    expect(await throttleRow(`email:${EMAIL}`)).toBeUndefined();
    expect(await audited("login.failed")).toBe(0);
    for (const release of held) release?.();
    const ok = await attempt(csrf, EMAIL, TEST_PASSWORD);
    expect(ok.status).toBe(303);
  });

  it("keeps verifying hashes made with older parameters and upgrades them at sign-in", async () => {
    await start();
    const user = await h.addUser("writer", EMAIL);
    // The previous default (N=2^16, r=8, p=1), stored before this change.
    const old = await hashPassword(TEST_PASSWORD, { n: 1 << 16, r: 8, p: 1 });
    await h.database.db
      .updateTable("newsroom_user")
      .set({ password_hash: old })
      .where("id", "=", user.id)
      .execute();
    const csrf = await loginCookie();
    expect((await attempt(csrf, EMAIL, TEST_PASSWORD)).status).toBe(303);
    const row = await h.database.db
      .selectFrom("newsroom_user")
      .select("password_hash")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    // The harness's newsroom hashes with N=1024, r=8, p=1.
    expect(row.password_hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect((await attempt(csrf, EMAIL, TEST_PASSWORD)).status).toBe(303);
    expect((await attempt(csrf, EMAIL, WRONG)).status).toBe(422);
  });
});
