import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Client,
  createNewsroomHarness,
  formBody,
  type NewsroomHarness,
  TEST_PASSWORD,
} from "../../../test/support/newsroom-harness.js";
import { createDraft, STORY } from "../../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { listAudit } from "../audit-log.js";

describe.each(TEST_DIALECTS)("story editor on %s", (dialect) => {
  let h: NewsroomHarness;
  let writer: Client;
  let writerEmail: string;
  let editor: Client;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect);
    writerEmail = (await h.addUser("writer")).email;
    writer = await h.login(writerEmail);
    editor = await h.login((await h.addUser("editor")).email);
  });
  afterEach(async () => {
    await h.destroy();
  });
  /** How many revisions the story has: saves that were refused or merged add none. */
  const revisionCount = async (id: number) =>
    (
      await h.database.db
        .selectFrom("article_revision")
        .select("number")
        .where("article_id", "=", id)
        .execute()
    ).length;

  it("creates a draft, saves revisions with author and time, and diffs them", async () => {
    const id = await createDraft(writer);
    const page = await (await writer.get(`/admin/stories/${id}`)).text();
    expect(page).toContain('name="base_revision" value="1"');
    expect(page).toContain("Beijing subway floods after record rain");
    h.clock.set("2025-08-27T12:05:00Z");
    const saved = await writer.post(`/admin/stories/${id}`, {
      ...STORY,
      headline: "Beijing subway floods",
      base_revision: "1",
    });
    expect(saved.status).toBe(303);
    const history = await (await writer.get(`/admin/stories/${id}/revisions`)).text();
    expect(history).toContain("2025-08-27 12:05:00");
    expect(history).toMatch(/writer\d@resou.example/);
    expect(history).toContain("− Headline: Beijing subway floods after record rain");
    expect(history).toContain("+ Headline: Beijing subway floods");
    const article = await h.database.db
      .selectFrom("article")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(article.status).toBe("draft");
    expect(article.headline).toBe("Beijing subway floods");
    expect((await listAudit(h.database.db, { limit: 10 })).map((a) => a.action)).toEqual(
      expect.arrayContaining(["story.create", "story.edit"]),
    );
  });

  it("shows field errors beside the fields, escapes script and saves nothing", async () => {
    const id = await createDraft(writer);
    const response = await writer.post(`/admin/stories/${id}`, {
      ...STORY,
      headline: "<script>alert(1)</script>",
      dek: "d".repeat(401),
      sections: "no heading here",
      base_revision: "1",
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('id="f-dek-error"');
    expect(html).toContain("must be at most 400 characters");
    expect(html).toContain("start each section with a line");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(await revisionCount(id)).toBe(1);
  });

  it("detects a stale save, keeps the submitted text and shows what changed", async () => {
    const id = await createDraft(writer);
    expect(
      (
        await editor.post(`/admin/stories/${id}`, {
          ...STORY,
          lead: "Editor's lead.",
          base_revision: "1",
        })
      ).status,
    ).toBe(303);
    const stale = await writer.post(`/admin/stories/${id}`, {
      ...STORY,
      lead: "Writer's own lead.",
      base_revision: "1",
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("Someone else saved this story");
    expect(html).toContain("Writer&#39;s own lead.");
    expect(html).toContain("− Editor&#39;s lead.");
    expect(html).toContain('name="base_revision" value="2"');
    const article = await h.database.db
      .selectFrom("article")
      .select("lead")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(article.lead).toBe("Editor's lead.");
    // Saving again from the conflict page (base 2) wins deliberately.
    expect(
      (
        await writer.post(`/admin/stories/${id}`, {
          ...STORY,
          lead: "Writer's own lead.",
          base_revision: "2",
        })
      ).status,
    ).toBe(303);
  });

  it("treats a double-submitted form as one save", async () => {
    const id = await createDraft(writer);
    const body = { ...STORY, lead: "Changed once.", base_revision: "1" };
    const [a, b] = await Promise.all([
      writer.post(`/admin/stories/${id}`, body),
      writer.post(`/admin/stories/${id}`, body),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(await revisionCount(id)).toBe(2);
  });

  it("restores an old revision as a new one", async () => {
    const id = await createDraft(writer);
    await writer.post(`/admin/stories/${id}`, {
      ...STORY,
      headline: "Second headline",
      base_revision: "1",
    });
    const restored = await writer.post(`/admin/stories/${id}/restore`, {
      number: "1",
      base_revision: "2",
    });
    expect(restored.status).toBe(303);
    const article = await h.database.db
      .selectFrom("article")
      .select("headline")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(article.headline).toBe(STORY.headline);
    const kinds = await h.database.db
      .selectFrom("article_revision")
      .select(["number", "kind"])
      .where("article_id", "=", id)
      .orderBy("number")
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(["create", "save", "restore"]);
  });

  it("autosaves through JSON and advances the base revision", async () => {
    const id = await createDraft(writer);
    const response = await writer.post(`/admin/stories/${id}/autosave`, {
      ...STORY,
      lead: "Autosaved lead.",
      base_revision: "1",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ revision: 2, changed: true });
    const stale = await writer.post(`/admin/stories/${id}/autosave`, {
      ...STORY,
      lead: "Other.",
      base_revision: "1",
    });
    expect(stale.status).toBe(409);
  });

  it("previews unsaved text with the public article template, escaped and sanitized", async () => {
    const id = await createDraft(writer);
    const response = await writer.post(`/admin/stories/${id}/preview`, {
      ...STORY,
      headline: "Preview <img src=x onerror=alert(1)>",
      lead: "Lead with <script>alert(1)</script> and [link](javascript:alert(1)).",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-robots-tag")).toContain("noindex");
    const html = await response.text();
    expect(html).toContain("Preview — not published");
    expect(html).toContain('class="hashtag-box"');
    expect(html).toContain("Preview &lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain("What happened");
    expect(html).toContain("北京暴雨");
    // Nothing was saved by previewing.
    expect(await revisionCount(id)).toBe(1);
  });

  it("keeps the text when the session expired mid-edit and saves it after signing in", async () => {
    const id = await createDraft(writer);
    const expired = h.anonymous();
    const response = await expired.post(`/admin/stories/${id}`, {
      ...STORY,
      lead: "Typed while signed out.",
      base_revision: "1",
    });
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain("Your session ended before your changes were saved");
    expect(html).toContain('name="resume:lead" value="Typed while signed out."');
    expect(html).toContain('name="resume_action" value="/admin/stories/');
    // Signing in from that page carries the text to a page that saves it.
    const loginCookie = response.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const resumed = await h.request("/admin/login", {
      method: "POST",
      headers: { cookie: loginCookie, "content-type": "application/x-www-form-urlencoded" },
      body: formBody({
        _csrf: loginCookie.split("=")[1] ?? "",
        email: writerEmail,
        password: TEST_PASSWORD,
        resume_action: `/admin/stories/${id}`,
        ...Object.fromEntries(
          Object.entries({ ...STORY, lead: "Typed while signed out.", base_revision: "1" }).map(
            ([k, v]) => [`resume:${k}`, v],
          ),
        ),
      }),
    });
    expect(resumed.status).toBe(200);
    const resumePage = await resumed.text();
    expect(resumePage).toContain("Your text was kept");
    expect(resumePage).toContain('name="lead" value="Typed while signed out."');
    expect(resumePage).toContain(`action="/admin/stories/${id}"`);
  });

  it("lets writers edit only their own drafts, and audits refusals", async () => {
    const mine = await createDraft(writer);
    const theirs = await createDraft(editor, { headline: "Editor's story" });
    // A story the writer may not see is "not found", like a missing id (no probing).
    expect((await writer.get(`/admin/stories/${theirs}`)).status).toBe(404);
    expect(
      (await writer.post(`/admin/stories/${theirs}`, { ...STORY, base_revision: "1" })).status,
    ).toBe(404);
    expect(
      (
        await editor.post(`/admin/stories/${mine}`, {
          ...STORY,
          lead: "Edited by editor.",
          base_revision: "1",
        })
      ).status,
    ).toBe(303);
    expect((await writer.post(`/admin/stories/${mine}/publish`)).status).toBe(403);
    const denied = (await listAudit(h.database.db, { limit: 20 })).filter(
      (a) => a.action === "permission.denied",
    );
    expect(denied).toHaveLength(3);
  });

  it("creates one draft when the new-story form is sent twice", async () => {
    const form = await (await writer.get("/admin/stories/new")).text();
    const key = /name="form_key" value="([^"]+)"/.exec(form)?.[1] ?? "";
    expect(key.length).toBeGreaterThan(20);
    const [a, b] = await Promise.all([
      writer.post("/admin/stories", { ...STORY, form_key: key }),
      writer.post("/admin/stories", { ...STORY, form_key: key }),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.get("location")).toBe(b.headers.get("location"));
    const stories = await h.database.db.selectFrom("newsroom_story").select("article_id").execute();
    expect(stories).toHaveLength(1);
  });

  it("gives two drafts with one headline, created at once, their own slugs", async () => {
    const [a, b] = await Promise.all([createDraft(writer), createDraft(editor)]);
    const slugs = await h.database.db
      .selectFrom("article")
      .select("slug")
      .where("id", "in", [a, b])
      .execute();
    expect(new Set(slugs.map((s) => s.slug)).size).toBe(2);
  });

  it("refuses an oversized form before reading it", async () => {
    const id = await createDraft(writer);
    const response = await writer.post(`/admin/stories/${id}`, {
      ...STORY,
      lead: "x".repeat(3 * 1024 * 1024),
      base_revision: "1",
    });
    expect(response.status).toBe(413);
  });
});
