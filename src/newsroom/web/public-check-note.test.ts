import { JSDOM } from "jsdom";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Client,
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { createDraft, STORY } from "../../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { articleInput } from "../../content/article-input.js";
import { saveArticles } from "../../content/article-store.js";

// "twelve" is not in the source's title, so the number check raises one error to override.
const SLIP = { lead: "Record rain **closed** twelve stations [1]." };

describe.each(TEST_DIALECTS)("'How we checked this story' on %s", (dialect) => {
  let h: NewsroomHarness;
  let editor: Client;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect, "2025-08-27T08:00:00Z");
    editor = await h.login((await h.addUser("editor")).email);
  });
  afterEach(async () => {
    await h.destroy();
  });

  const publicPage = async (articleId: number) => {
    const { slug } = await h.database.db
      .selectFrom("article")
      .select("slug")
      .where("id", "=", articleId)
      .executeTakeFirstOrThrow();
    const res = await h.request(`/news/${slug}`);
    expect(res.status).toBe(200);
    return new JSDOM(await res.text()).window.document;
  };

  it("shows the counts of a checked story, without any flag's evidence or reason", async () => {
    const id = await createDraft(editor, SLIP);
    const flag = await h.database.db
      .selectFrom("check_flag")
      .select("id")
      .where("article_id", "=", id)
      .where("kind", "=", "number")
      .executeTakeFirstOrThrow();
    const reason = "Twelve is the city's later count, confirmed by phone";
    await editor.post(`/admin/stories/${id}/flags/${flag.id}/override`, { reason });
    const published = await editor.post(`/admin/stories/${id}/publish`);
    expect(published.headers.get("location")).toContain("done=published");

    const doc = await publicPage(id);
    const note = doc.querySelector("details.check-note");
    expect(note?.querySelector("summary")?.textContent).toBe("How we checked this story");
    const text = (note?.textContent ?? "").replace(/\s+/g, " ");
    // Lead plus one sentence in each of the two sections, against the one cited source.
    expect(text).toContain("read 3 sentences against 1 cited source on 27 August 2025");
    expect(note?.querySelector("time")?.getAttribute("datetime")).toBe("2025-08-27T08:00:00.000Z");
    expect(text).toContain(
      "Every error-level flag the checks raised (1) was fixed or overridden before publishing.",
    );
    expect(text).toContain("Editors overrode 1 flag, each with a recorded reason.");
    expect(text).not.toContain(reason);
    expect(text).not.toContain("twelve");
    // The note sits after the Sources list and adds no heading of its own.
    const sources = doc.querySelector("section.sources");
    expect(sources?.compareDocumentPosition(note as Node)).toBe(4); // DOCUMENT_POSITION_FOLLOWING
    expect(note?.querySelector("h1, h2, h3, h4, h5, h6")).toBeNull();
  });

  it("counts an error fixed by a later revision once, and no override", async () => {
    const id = await createDraft(editor, SLIP);
    const { revision } = await h.database.db
      .selectFrom("newsroom_story")
      .select("revision")
      .where("article_id", "=", id)
      .executeTakeFirstOrThrow();
    const saved = await editor.post(`/admin/stories/${id}`, {
      ...STORY,
      base_revision: String(revision),
    });
    expect(saved.status).toBe(303);
    expect((await editor.post(`/admin/stories/${id}/publish`)).headers.get("location")).toContain(
      "done=published",
    );
    const text = ((await publicPage(id)).querySelector(".check-note")?.textContent ?? "").replace(
      /\s+/g,
      " ",
    );
    expect(text).toContain("Every error-level flag the checks raised (1) was fixed or overridden");
    expect(text).toContain("Editors overrode no flags.");
  });

  it("says no error was raised for a clean story", async () => {
    const id = await createDraft(editor);
    await editor.post(`/admin/stories/${id}/publish`);
    const text = ((await publicPage(id)).querySelector(".check-note")?.textContent ?? "").replace(
      /\s+/g,
      " ",
    );
    expect(text).toContain("The checks raised no error-level flags.");
    expect(text).toContain("Editors overrode no flags.");
  });

  it("shows nothing for an imported story that was never checked", async () => {
    const [saved] = await saveArticles(
      h.database.db,
      [
        articleInput.parse({
          slug: "imported-story",
          headline: "An imported story",
          category: "Society",
          lead: "A lead paragraph.",
          sections: [{ heading: "What happened", body: "Body text." }],
          published_at: "2025-08-26T10:00:00+08:00",
        }),
      ],
      {
        dialect: h.database.dialect,
        now: h.clock.now(),
        deskByline: h.deps.config.DESK_BYLINE,
        timeZone: h.deps.config.TIME_ZONE,
      },
    );
    const doc = await publicPage(saved?.id ?? 0);
    expect(doc.querySelector("h1")?.textContent).toBe("An imported story");
    expect(doc.querySelector(".check-note")).toBeNull();
    expect(doc.body.textContent).not.toContain("How we checked");
  });
});
