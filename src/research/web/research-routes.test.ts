import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createNewsroomHarness,
  formBody,
  type NewsroomHarness,
  SITE,
} from "../../../test/support/newsroom-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { seedTrends } from "../../../test/support/trend-fixtures.js";
import { createApp } from "../../app/create-app.js";
import { listAudit } from "../../newsroom/audit-log.js";
import { loadPipelineSettings } from "../../newsroom/settings.js";

describe.each(TEST_DIALECTS)("starting stories from topics in the newsroom on %s", (dialect) => {
  let h: NewsroomHarness;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect);
  });
  afterEach(async () => {
    await h.destroy();
  });

  it("lets an editor start a story from a queue topic, with pasted links, once", async () => {
    const { flood } = await seedTrends(h.database.db);
    const editor = await h.login((await h.addUser("editor")).email);
    const queue = await (await editor.get("/admin")).text();
    expect(queue).toContain(`action="/admin/topics/${flood}/start"`);

    const form = await editor.get(`/admin/topics/${flood}/start`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="links"');

    const bad = await editor.post(`/admin/topics/${flood}/start`, {
      links: "https://news.example/a\n<b>x</b>",
    });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("line 2 is not an http(s) link");
    expect(badHtml).not.toContain("<b>x</b>");
    expect(badHtml).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(await h.database.db.selectFrom("newsroom_story").selectAll().execute()).toEqual([]);

    const ok = await editor.post(`/admin/topics/${flood}/start`, {
      links: "https://news.example/beijing-rain#top\nhttps://news.example/beijing-rain-2",
    });
    expect(ok.status).toBe(303);
    const location = ok.headers.get("location") ?? "";
    const articleId = Number(/\/admin\/stories\/(\d+)\?done=pipeline-started$/.exec(location)?.[1]);
    expect(articleId).toBeGreaterThan(0);
    const story = await h.database.db
      .selectFrom("newsroom_story")
      .innerJoin("article", "article.id", "newsroom_story.article_id")
      .select(["newsroom_story.topic_id", "article.hashtag", "article.headline", "article.status"])
      .where("article_id", "=", articleId)
      .executeTakeFirstOrThrow();
    expect(story).toEqual({
      topic_id: flood,
      hashtag: "北京暴雨",
      headline: "Beijing rainstorm",
      status: "draft",
    });
    const links = await h.database.db
      .selectFrom("story_pasted_link")
      .select("url")
      .where("article_id", "=", articleId)
      .orderBy("url")
      .execute();
    expect(links.map((l) => l.url)).toEqual([
      "https://news.example/beijing-rain",
      "https://news.example/beijing-rain-2",
    ]);
    const jobs = await h.database.db.selectFrom("job").select(["kind", "unique_key"]).execute();
    expect(jobs).toEqual([
      { kind: "writing.pipeline", unique_key: `writing.pipeline:${articleId}` },
    ]);
    const events = await listAudit(h.database.db, { limit: 10, action: "story.create" });
    expect(events.map((e) => e.actorLabel)).toEqual(["editor1@resou.example"]);

    const again = await editor.post(`/admin/topics/${flood}/start`, {});
    expect(again.headers.get("location")).toBe(`/admin/stories/${articleId}?done=already-covered`);
    expect(await h.database.db.selectFrom("newsroom_story").selectAll().execute()).toHaveLength(1);
    expect(await (await editor.get(again.headers.get("location") ?? "")).text()).toContain(
      "already covered",
    );
  });

  it("refuses people who may not create stories and unknown topics", async () => {
    const { flood } = await seedTrends(h.database.db);
    const anonymous = h.anonymous();
    expect((await anonymous.get(`/admin/topics/${flood}/start`)).status).toBe(303);
    const editor = await h.login((await h.addUser("editor")).email);
    expect((await editor.get("/admin/topics/999999/start")).status).toBe(404);
    const forged = await editor.post(`/admin/topics/${flood}/start`, { _csrf: "forged" });
    expect(forged.status).toBe(403);
    expect(await h.database.db.selectFrom("newsroom_story").selectAll().execute()).toEqual([]);
  });

  it("keeps the pipeline's category and feed lists in the settings page", async () => {
    const admin = await h.login((await h.addUser("admin")).email);
    const page = await (await admin.get("/admin/settings")).text();
    expect(page).toContain('name="research.feeds"');
    expect(page).toContain("综艺");
    const bad = await admin.post("/admin/settings", {
      "research.feeds": "https://feeds.example/world.xml\nfile:///etc/passwd",
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("each line must be an http(s) URL");
    const ok = await admin.post("/admin/settings", {
      "research.feeds": "https://feeds.example/world.xml\r\nhttps://feeds.example/china.atom\n",
      "pipeline.categories_include": "社会\n时事",
      "pipeline.score_threshold": "65",
    });
    expect(ok.status).toBe(200);
    const settings = await loadPipelineSettings(h.database.db);
    expect(settings["research.feeds"]).toEqual([
      "https://feeds.example/world.xml",
      "https://feeds.example/china.atom",
    ]);
    expect(settings["pipeline.categories_include"]).toEqual(["社会", "时事"]);
    expect(settings["pipeline.score_threshold"]).toBe(65);
    const events = await listAudit(h.database.db, { limit: 10, action: "setting.change" });
    expect(events.map((e) => e.targetId).sort()).toEqual([
      "pipeline.categories_include",
      "pipeline.score_threshold",
      "research.feeds",
    ]);
  });

  it("works in the site app alone, beside the newsroom's own topic routes", async () => {
    const { flood, idol } = await seedTrends(h.database.db);
    const editor = await h.login((await h.addUser("editor")).email);
    const site = createApp(h.deps);
    const post = (path: string) =>
      site.request(`${SITE}${path}`, {
        method: "POST",
        headers: { cookie: editor.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: formBody({ _csrf: editor.csrf, links: "https://news.example/x" }),
      });
    const started = await post(`/admin/topics/${flood}/start`);
    expect(started.status).toBe(303);
    expect(started.headers.get("location")).toMatch(/\?done=pipeline-started$/);
    const dismissed = await post(`/admin/topics/${idol}/dismiss`);
    expect(dismissed.status).toBe(303);
    expect(await h.database.db.selectFrom("topic_dismissal").select("topic_id").execute()).toEqual([
      { topic_id: idol },
    ]);
  });
});
