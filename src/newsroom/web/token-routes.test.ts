import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";

describe.each(TEST_DIALECTS)("API tokens page on %s", (dialect) => {
  let h: NewsroomHarness;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect);
  });
  afterEach(async () => {
    await h.destroy();
  });

  it("shows a new token once, lets it call the API, and revokes it", async () => {
    const writer = await h.login((await h.addUser("writer")).email);
    const empty = await writer.post("/admin/tokens", { name: "" });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("is required");
    const created = await (await writer.post("/admin/tokens", { name: "import script" })).text();
    const token = /<code id="new-token">([^<]+)<\/code>/.exec(created)?.[1] ?? "";
    expect(token).toMatch(/^rsu_/);
    const stored = await h.database.db
      .selectFrom("api_token")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const me = await h.request("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    const list = await (await writer.get("/admin/tokens")).text();
    expect(list).toContain("import script");
    expect(list).not.toContain(token);
    expect((await writer.post(`/admin/tokens/${stored.id}/revoke`)).status).toBe(303);
    expect(
      (await h.request("/api/v1/me", { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
  });

  it("does not let one user revoke another's token", async () => {
    const a = await h.login((await h.addUser("editor")).email);
    const b = await h.login((await h.addUser("editor")).email);
    await a.post("/admin/tokens", { name: "mine" });
    const id = (await h.database.db.selectFrom("api_token").select("id").executeTakeFirstOrThrow())
      .id;
    await b.post(`/admin/tokens/${id}/revoke`);
    const row = await h.database.db
      .selectFrom("api_token")
      .select("revoked_at")
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();
  });
});
