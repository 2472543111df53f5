import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { createDraft } from "../../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { listAudit } from "../audit-log.js";
import { loadSettings } from "../settings.js";

describe.each(TEST_DIALECTS)("newsroom settings on %s", (dialect) => {
  let h: NewsroomHarness;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect);
  });
  afterEach(async () => {
    await h.destroy();
  });

  it("lets admins change settings, with errors beside fields and every change audited", async () => {
    const admin = await h.login((await h.addUser("admin")).email);
    const editor = await h.login((await h.addUser("editor")).email);
    expect((await editor.get("/admin/settings")).status).toBe(403);
    expect((await editor.post("/admin/settings", { "queue.topic_limit": "20" })).status).toBe(403);

    const bad = await admin.post("/admin/settings", {
      "queue.topic_limit": "5000",
      "editor.autosave_seconds": "<b>x</b>",
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('id="f-queue.topic_limit-error"');
    expect(html).toContain("must be at most 100");
    expect(html).not.toContain("<b>x</b>");
    expect((await loadSettings(h.database.db))["queue.topic_limit"]).toBe(50);

    const ok = await admin.post("/admin/settings", {
      "queue.topic_limit": "20",
      "editor.autosave_seconds": "20",
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Saved: Trending topics shown in the queue.");
    expect(await loadSettings(h.database.db)).toEqual({
      "queue.topic_limit": 20,
      "editor.autosave_seconds": 20,
    });
    const events = (await listAudit(h.database.db, { limit: 10, action: "setting.change" })).map(
      (e) => `${e.targetId} ${e.detail}`,
    );
    expect(events).toEqual(['queue.topic_limit {"from":50,"to":20}']);

    await admin.post("/admin/settings", {
      "queue.topic_limit": "20",
      "editor.autosave_seconds": "45",
    });
    const id = await createDraft(editor);
    expect(await (await editor.get(`/admin/stories/${id}`)).text()).toContain(
      'data-autosave-seconds="45"',
    );
  });
});
