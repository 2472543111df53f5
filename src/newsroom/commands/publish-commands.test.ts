import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Client,
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { createDraft } from "../../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { fixedClock } from "../../core/clock.js";
import { silentLogger } from "../../core/log.js";
import { openDatabase } from "../../db/database.js";
import { acquireLease } from "../../jobs/lease.js";
import { runTick } from "../../jobs/scheduler.js";
import { listAudit } from "../audit-log.js";
import { publishDueTask, publishJobHandlers } from "../publish-due-task.js";
import type { ArticleChangeHook } from "./article-hooks.js";

describe.each(TEST_DIALECTS)("publishing on %s", (dialect) => {
  let h: NewsroomHarness;
  let editor: Client;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect, "2025-08-27T08:00:00Z");
    editor = await h.login((await h.addUser("editor")).email);
  });
  afterEach(async () => {
    await h.destroy();
  });

  const slugOf = async (id: number) =>
    (
      await h.database.db
        .selectFrom("article")
        .select("slug")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).slug;
  const audits = async (action: string) =>
    (await listAudit(h.database.db, { limit: 200 })).filter((a) => a.action === action);

  it("publishes now: the public page appears, hooks run once, a repeat changes nothing", async () => {
    const id = await createDraft(editor);
    const slug = await slugOf(id);
    expect((await h.request(`/news/${slug}`)).status).toBe(404);
    const response = await editor.post(`/admin/stories/${id}/publish`);
    expect(response.headers.get("location")).toContain("done=published");
    const page = await h.request(`/news/${slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Beijing subway floods after record rain");
    expect((await editor.post(`/admin/stories/${id}/publish`)).headers.get("location")).toContain(
      "already-published",
    );
    expect(h.changes).toEqual([`published:${slug}`]);
    expect(await audits("story.publish")).toHaveLength(1);
  });

  it("unpublishes to a 410 page", async () => {
    const id = await createDraft(editor);
    await editor.post(`/admin/stories/${id}/publish`);
    const response = await editor.post(`/admin/stories/${id}/unpublish`);
    expect(response.headers.get("location")).toContain("done=unpublished");
    expect((await h.request(`/news/${await slugOf(id)}`)).status).toBe(410);
    expect(await audits("story.unpublish")).toHaveLength(1);
  });

  it("adds a dated correction, shown on the page, and moves dateModified", async () => {
    const id = await createDraft(editor);
    await editor.post(`/admin/stories/${id}/publish`);
    h.clock.set("2025-08-27T09:30:00Z");
    const short = await editor.post(`/admin/stories/${id}/corrections`, { text: "short" });
    expect(short.status).toBe(422);
    const text = "An earlier version gave the wrong number of stations <b>closed</b>.";
    expect((await editor.post(`/admin/stories/${id}/corrections`, { text })).status).toBe(303);
    expect((await editor.post(`/admin/stories/${id}/corrections`, { text })).status).toBe(303);
    const rows = await h.database.db
      .selectFrom("article_correction")
      .selectAll()
      .where("article_id", "=", id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.noted_at).toBe("2025-08-27T09:30:00.000Z");
    const article = await h.database.db
      .selectFrom("article")
      .select("updated_at")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(article.updated_at).toBe("2025-08-27T09:30:00.000Z");
    const html = await (await h.request(`/news/${await slugOf(id)}`)).text();
    expect(html).toContain("wrong number of stations &lt;b&gt;closed&lt;/b&gt;");
    expect(html).toContain('"dateModified":"2025-08-27T17:30:00+08:00"');
    expect(h.changes.at(-1)).toMatch(/^corrected:/);
    const feed = await (await h.request("/feed.xml")).text();
    expect(feed).toContain("wrong number of stations");
    expect(feed).toContain("Correction");
  });

  it("refuses to schedule in the past", async () => {
    const id = await createDraft(editor);
    const response = await editor.post(`/admin/stories/${id}/schedule`, {
      publish_at: "2025-08-27T15:59",
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("must be in the future");
  });

  it("publishes at the exact minute, once, with two scheduler processes and a worker racing", async () => {
    const id = await createDraft(editor);
    const slug = await slugOf(id);
    // 16:01 in Asia/Shanghai is 08:01 UTC.
    const response = await editor.post(`/admin/stories/${id}/schedule`, {
      publish_at: "2025-08-27T16:01",
    });
    expect(response.headers.get("location")).toContain("done=scheduled");
    const job = await h.database.db.selectFrom("job").selectAll().executeTakeFirstOrThrow();
    expect(job.run_at).toBe("2025-08-27T08:01:00.000Z");

    const second = await openDatabase({ url: h.database.url, schema: h.database.schema });
    try {
      const calls: string[] = [];
      const hook: ArticleChangeHook = async (c) => {
        calls.push(c.slug);
      };
      const clock = fixedClock("2025-08-27T08:00:59.990Z");
      const deps1 = { ...h.deps, clock };
      const deps2 = { ...h.deps, database: second, clock };
      const task1 = publishDueTask(deps1, { hooks: [hook] });
      const task2 = publishDueTask(deps2, { hooks: [hook] });
      // One second early: nothing is due.
      await runTick(
        { database: h.database, clock, log: silentLogger },
        task1,
        "p1",
        new Date("2025-08-27T08:00:59Z"),
      );
      expect((await h.request(`/news/${slug}`)).status).toBe(404);

      clock.set("2025-08-27T08:01:00.004Z");
      h.clock.set("2025-08-27T08:01:00.004Z");
      const at = new Date("2025-08-27T08:01:00Z");
      const worker = publishJobHandlers(deps2, { hooks: [hook] })["newsroom.publish-due"];
      await Promise.all([
        runTick({ database: h.database, clock, log: silentLogger }, task1, "p1", at),
        runTick({ database: second, clock, log: silentLogger }, task2, "p2", at),
        worker?.({}, { jobId: job.id, attempt: 1 }),
      ]);
      expect(calls).toEqual([slug]);
      const article = await h.database.db
        .selectFrom("article")
        .select(["status", "published_at"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(article).toEqual({ status: "published", published_at: "2025-08-27T08:01:00.000Z" });
      expect((await h.request(`/news/${slug}`)).status).toBe(200);
      const published = await audits("story.publish");
      expect(published).toHaveLength(1);
      expect(published[0]?.actorLabel).toBe("system");
    } finally {
      await second.destroy();
    }
  });

  it("clears expired one-time form keys on the hour", async () => {
    await acquireLease(
      h.database,
      "story-form:old",
      "1:x",
      new Date("2025-08-25T00:00:00Z"),
      60_000,
    );
    await acquireLease(
      h.database,
      "story-form:new",
      "1:y",
      new Date("2025-08-27T08:30:00Z"),
      86_400_000,
    );
    const task = publishDueTask(h.deps);
    h.clock.set("2025-08-27T08:59:00Z");
    await task.run();
    expect(await h.database.db.selectFrom("lease").select("name").execute()).toHaveLength(2);
    h.clock.set("2025-08-27T09:00:00.003Z");
    await task.run();
    const left = await h.database.db.selectFrom("lease").select("name").execute();
    expect(left.map((l) => l.name)).toEqual(["story-form:new"]);
  });

  it("cancels a schedule back to draft", async () => {
    const id = await createDraft(editor);
    await editor.post(`/admin/stories/${id}/schedule`, { publish_at: "2025-08-28T09:00" });
    const response = await editor.post(`/admin/stories/${id}/unpublish`);
    expect(response.headers.get("location")).toContain("done=unscheduled");
    const article = await h.database.db
      .selectFrom("article")
      .select(["status", "published_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(article).toEqual({ status: "draft", published_at: null });
  });
});
