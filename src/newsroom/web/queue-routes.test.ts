import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Client,
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { createDraft, STORY } from "../../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { seedTrends } from "../../../test/support/trend-fixtures.js";
import { listAudit } from "../audit-log.js";

describe.each(TEST_DIALECTS)("queue on %s", (dialect) => {
  let h: NewsroomHarness;
  let editor: Client;
  let writer: Client;
  let writerId: number;
  let topics: { flood: number; idol: number };
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect);
    editor = await h.login((await h.addUser("editor")).email);
    const w = await h.addUser("writer");
    writerId = w.id;
    writer = await h.login(w.email);
    topics = await seedTrends(h.database.db);
  });
  afterEach(async () => {
    await h.destroy();
  });

  it("lists trending topics with rank, heat, curve and time on list", async () => {
    const html = await (await editor.get("/admin")).text();
    expect(html).toContain("#北京暴雨#");
    expect(html).toContain("Beijing rainstorm");
    expect(html).toContain("2,100,000");
    expect(html).toContain("1 h 15 min");
    expect(html).toContain("<polyline");
    expect(html).toContain(`/admin/stories/new?topic=${topics.flood}`);
    expect(html.indexOf("北京暴雨")).toBeLessThan(html.indexOf("某明星官宣"));
  });

  it("starts a story from a topic and marks the topic covered", async () => {
    const form = await (await writer.get(`/admin/stories/new?topic=${topics.flood}`)).text();
    expect(form).toContain('value="Beijing rainstorm"');
    expect(form).toContain(`name="topic_id" value="${topics.flood}"`);
    const response = await writer.post("/admin/stories", {
      ...STORY,
      topic_id: String(topics.flood),
    });
    expect(response.status).toBe(303);
    const story = await h.database.db
      .selectFrom("newsroom_story")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(story.topic_id).toBe(topics.flood);
    const html = await (await editor.get("/admin")).text();
    expect(html).toContain(`href="/admin/stories/${story.article_id}" class="badge draft"`);
  });

  it("shows stories by state, lets editors assign, and writers only see theirs", async () => {
    const mine = await createDraft(writer, { headline: "Writer draft" });
    await createDraft(editor, { headline: "Editor draft" });
    const scheduled = await createDraft(editor, { headline: "Scheduled story" });
    await editor.post(`/admin/stories/${scheduled}/schedule`, { publish_at: "2025-08-28T09:00" });
    const html = await (await editor.get("/admin")).text();
    expect(html).toContain("Drafts in progress (2)");
    expect(html).toContain("Scheduled (1)");
    expect(html).toContain("2025-08-28 09:00");
    expect(
      (await editor.post(`/admin/stories/${mine}/assign`, { assignee_id: String(writerId) }))
        .status,
    ).toBe(303);
    const writerView = await (await writer.get("/admin")).text();
    expect(writerView).toContain("Writer draft");
    expect(writerView).not.toContain("Editor draft");
    expect(writerView).not.toContain("/dismiss");
    expect((await writer.post(`/admin/stories/${mine}/assign`, { assignee_id: "0" })).status).toBe(
      403,
    );
  });

  it("dismisses a topic for everyone (editors only), audited", async () => {
    expect((await writer.post(`/admin/topics/${topics.idol}/dismiss`)).status).toBe(403);
    expect((await editor.post(`/admin/topics/${topics.idol}/dismiss`)).status).toBe(303);
    expect((await editor.post(`/admin/topics/${topics.idol}/dismiss`)).status).toBe(303);
    expect(await (await writer.get("/admin")).text()).not.toContain("某明星官宣");
    const log = await listAudit(h.database.db, { limit: 50 });
    expect(log.filter((a) => a.action === "topic.dismiss")).toHaveLength(1);
  });
});
