import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { createDraft } from "../../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";

describe.each(TEST_DIALECTS)("editor page by role on %s", (dialect) => {
  let h: NewsroomHarness;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect);
  });
  afterEach(async () => {
    await h.destroy();
  });

  it("shows a writer their published story read-only, and editors the publishing panel", async () => {
    const writer = await h.login((await h.addUser("writer")).email);
    const editor = await h.login((await h.addUser("editor")).email);
    const id = await createDraft(writer);
    const draft = await (await writer.get(`/admin/stories/${id}`)).text();
    expect(draft).toContain("data-autosave=");
    expect(draft).not.toContain("Publish now");
    expect(await (await editor.get(`/admin/stories/${id}`)).text()).toContain("Publish now");
    await editor.post(`/admin/stories/${id}/publish`);
    const published = await (await writer.get(`/admin/stories/${id}`)).text();
    expect(published).toContain("Read only");
    expect(published).not.toContain("data-autosave=");
    const editorView = await (await editor.get(`/admin/stories/${id}`)).text();
    expect(editorView).toContain("Unpublish");
    expect(editorView).toContain("Correction note");
    expect(editorView).toContain(">View on the site<");
  });
});
