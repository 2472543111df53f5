import { describe, expect, it } from "vitest";
import { createNewsroomHarness, formBody } from "../../../test/support/newsroom-harness.js";
import { listAudit } from "../audit-log.js";

async function failedLoginIp(env: Record<string, string>): Promise<string> {
  const h = await createNewsroomHarness("sqlite", "2025-08-27T12:00:00Z", env);
  try {
    await h.addUser("writer");
    const form = await h.request("/admin/login");
    const cookie = form.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    await h.request("/admin/login", {
      method: "POST",
      headers: {
        cookie,
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": "6.6.6.6, 203.0.113.7",
      },
      body: formBody({
        _csrf: cookie.split("=")[1] ?? "",
        email: "nobody@resou.example",
        password: "wrong password",
      }),
    });
    const [event] = await listAudit(h.database.db, { limit: 1, action: "login.failed" });
    return event?.ip ?? "";
  } finally {
    await h.destroy();
  }
}

describe("client address in the audit log", () => {
  it("ignores X-Forwarded-For unless TRUST_PROXY is set", async () => {
    expect(await failedLoginIp({})).toBe("unknown");
  });

  it("takes the proxy's entry, not what the client claimed, with TRUST_PROXY", async () => {
    expect(await failedLoginIp({ TRUST_PROXY: "1" })).toBe("203.0.113.7");
  });
});
