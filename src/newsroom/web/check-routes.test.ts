import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Client,
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { createDraft, STORY } from "../../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { listAudit, systemContext } from "../audit-log.js";
import { createApiToken } from "../auth/api-tokens.js";
import { publishDue } from "../commands/publish-commands.js";
import { newsroomDeps } from "../newsroom-deps.js";

// The source's title is the text checked (no research text here): "ten stations" is in it,
// "twelve" is not.
const SLIP = { lead: "Record rain **closed** twelve stations [1]." };
const FIXED = { lead: "Record rain **closed** ten stations [1]." };

describe.each(TEST_DIALECTS)("claim-check flags on %s", (dialect) => {
  let h: NewsroomHarness;
  let editor: Client;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect, "2025-08-27T08:00:00Z");
    editor = await h.login((await h.addUser("editor")).email);
  });
  afterEach(async () => {
    await h.destroy();
  });

  const flags = (id: number) =>
    h.database.db
      .selectFrom("check_flag")
      .selectAll()
      .where("article_id", "=", id)
      .orderBy("id")
      .execute();
  const save = async (id: number, fields: Partial<typeof STORY>) => {
    const revision = (
      await h.database.db
        .selectFrom("newsroom_story")
        .select("revision")
        .where("article_id", "=", id)
        .executeTakeFirstOrThrow()
    ).revision;
    return editor.post(`/admin/stories/${id}`, {
      ...STORY,
      ...fields,
      base_revision: String(revision),
    });
  };

  it("flags a revision, shows the flag by its sentence, blocks publishing until fixed", async () => {
    const id = await createDraft(editor, SLIP);
    const raised = await flags(id);
    const number = raised.find((f) => f.kind === "number");
    expect(number).toMatchObject({ revision: 1, severity: "error", status: "open" });
    expect(number?.sentence).toContain("twelve stations");
    expect(number?.message).toContain("twelve");

    const page = await (await editor.get(`/admin/stories/${id}`)).text();
    expect(page).toContain("Claim checks");
    expect(page.match(/data-flag-sentence[^>]*>[^<]*/)?.[0]).toContain(
      "Record rain closed twelve stations [1].",
    );
    // Inline too: the sentence is marked where it stands in the text, linked to its flag.
    expect(page).toMatch(
      /<mark class="flag-mark error">Record rain closed twelve stations \[1\]\.<\/mark>/,
    );
    expect(page).toContain(`href="#flag-${number?.id}"`);
    expect(page).toContain(`id="flag-${number?.id}"`);

    const refused = await editor.post(`/admin/stories/${id}/publish`);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("claim-check error is open");
    const article = await h.database.db
      .selectFrom("article")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(article.status).toBe("draft");

    expect((await save(id, FIXED)).status).toBe(303);
    const after = await flags(id);
    expect(after.find((f) => f.id === number?.id)).toMatchObject({
      status: "fixed",
      resolver_label: expect.stringContaining("@"),
    });
    expect(after.filter((f) => f.revision === 2 && f.severity === "error")).toEqual([]);
    expect((await editor.post(`/admin/stories/${id}/publish`)).headers.get("location")).toContain(
      "done=published",
    );
  });

  it("needs a reason to override; the override is audited, carried to the next revision, and unblocks", async () => {
    const id = await createDraft(editor, SLIP);
    const number = (await flags(id)).find((f) => f.kind === "number");
    if (!number) throw new Error("expected a number flag");
    const short = await editor.post(`/admin/stories/${id}/flags/${number.id}/override`, {
      reason: "ok",
    });
    expect(short.status).toBe(422);
    expect((await flags(id)).find((f) => f.id === number.id)?.status).toBe("open");

    const reason = "Twelve is the city's later count, confirmed by phone";
    const done = await editor.post(`/admin/stories/${id}/flags/${number.id}/override`, { reason });
    expect(done.headers.get("location")).toContain("done=flag-overridden");
    const audit = (await listAudit(h.database.db, { limit: 50 })).filter(
      (a) => a.action === "check.override",
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.detail)).toContain(reason);

    // An unrelated edit keeps the decision for the unchanged sentence.
    expect(
      (await save(id, { ...SLIP, dek: "Stations closed as water poured in fast" })).status,
    ).toBe(303);
    const carried = (await flags(id)).find((f) => f.revision === 2 && f.kind === "number");
    expect(carried).toMatchObject({ status: "overridden", resolution_reason: reason });
    expect((await editor.post(`/admin/stories/${id}/publish`)).headers.get("location")).toContain(
      "done=published",
    );
  });

  it("refuses publish and schedule through the JSON API, and the scheduler holds the story back", async () => {
    const id = await createDraft(editor, FIXED);
    const user = await h.database.db
      .selectFrom("newsroom_user")
      .select("id")
      .executeTakeFirstOrThrow();
    const token = (
      await createApiToken(h.database.db, user.id, "script", systemContext, h.clock.now())
    ).token;
    const call = (path: string, body?: unknown) =>
      h.request(path, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const scheduled = await call(`/api/v1/stories/${id}/schedule`, {
      publishAt: "2025-08-27T18:00:00+08:00",
    });
    expect(scheduled.status).toBe(200);
    // An edit after scheduling raises an error: the minute sweep must not publish it.
    expect((await save(id, SLIP)).status).toBe(303);
    h.clock.set("2025-08-27T10:01:00Z");
    expect(await publishDue(newsroomDeps(h.deps))).toEqual([]);
    const status = await h.database.db
      .selectFrom("article")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe("scheduled");
    const refused = await call(`/api/v1/stories/${id}/publish`);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(await refused.json())).toContain("claim-check error");
  });
});
