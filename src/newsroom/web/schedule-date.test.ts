import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Client,
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { createDraft } from "../../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";

/** Issue 12, finding 8 at the newsroom's writer path: an impossible date is a 422, not a 500. */
describe.each(TEST_DIALECTS)("scheduling with an impossible date on %s", (dialect) => {
  let h: NewsroomHarness;
  let editor: Client;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect);
    editor = await h.login((await h.addUser("editor")).email);
  });
  afterEach(async () => {
    await h.destroy();
  });

  it("refuses month 13, 30 February and hour 25 without scheduling anything", async () => {
    const id = await createDraft(editor, { headline: "A draft" });
    for (const when of ["2030-13-01T09:00", "2030-02-30T09:00", "2030-01-01T25:00"]) {
      const response = await editor.post(`/admin/stories/${id}/schedule`, { publish_at: when });
      expect(`${when} ${response.status}`).toBe(`${when} 422`);
    }
    const row = await h.database.db
      .selectFrom("article")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("draft");
  });
});
