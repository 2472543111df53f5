import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { silentLogger } from "../../core/log.js";
import { startChatReplayServer } from "../../llm/testing/chat-replay-server.js";
import { createStory } from "../../newsroom/commands/story-commands.js";
import { newsroomDeps } from "../../newsroom/newsroom-deps.js";
import { formFromContent } from "../../newsroom/story-content.js";
import { loadStory } from "../../newsroom/story-queries.js";
import { PIPELINE_ACTOR, runPipeline } from "../pipeline-runner.js";
import { bundleResearch, readBundle } from "../source-bundle.js";
import { draftReply } from "../testing/draft-replay.js";
import { BUNDLES, replayProvider } from "../testing/pipeline-harness.js";

const bundle = readBundle(fileURLToPath(new URL("parade-2025-08-26.json", BUNDLES)));

describe.each(TEST_DIALECTS)("drafted stories in the newsroom (%s)", (dialect) => {
  let h: NewsroomHarness;
  let articleId = 0;
  beforeAll(async () => {
    h = await createNewsroomHarness(dialect, "2025-08-26T05:00:00Z");
    const deps = newsroomDeps({ ...h.deps, log: silentLogger });
    ({ articleId } = await createStory(
      { deps, audit: PIPELINE_ACTOR },
      {
        headline: "#九三盛大阅兵#",
        dek: "",
        lead: "",
        sections: [],
        category: bundle.topic.category,
        tags: [],
        hashtag: bundle.topic.hashtag,
        hashtagEn: "",
        byline: "",
        sources: [],
      },
    ));
    const server = await startChatReplayServer((request) => draftReply(request));
    const provider = replayProvider(server.url);
    try {
      const outcome = await runPipeline(
        {
          newsroom: deps,
          provider,
          research: bundleResearch(bundle.sources),
          officeHolders: async () => [],
          costOf: () => 0,
        },
        articleId,
      );
      expect(outcome.state).toBe("done");
    } finally {
      await provider.close();
      await server.close();
    }
  });
  afterAll(async () => {
    await h.destroy();
  });

  it("shows the pipeline's progress in the queue and its stages, sources and facts on a page", async () => {
    const editor = await h.addUser("editor");
    const client = await h.login(editor.email);
    const queue = await (await client.get("/admin")).text();
    expect(queue).toContain(`href="/admin/stories/${articleId}/pipeline"`);
    expect(queue).toContain("Drafted by the pipeline");

    const response = await client.get(`/admin/stories/${articleId}/pipeline`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("outline: done");
    expect(html).toContain("prompt outline.v1");
    expect(html).toContain("section:3: done");
    expect(html).toContain("Wire A");
    expect(html).toContain("China will hold a military parade in Tiananmen Square");

    expect((await h.anonymous().get(`/admin/stories/${articleId}/pipeline`)).status).not.toBe(200);
  });

  it("links citation markers to a Sources list in the article view", async () => {
    const editor = await h.addUser("editor", "viewer@example.com");
    const client = await h.login(editor.email);
    const html = await (await client.get(`/admin/stories/${articleId}/preview`)).text();
    expect(html).toContain(
      '<sup class="cite"><a href="#source-1" aria-label="Source 1">1</a></sup>',
    );
    expect(html).toMatch(/<li id="source-1">[^<]*<a href="https:\/\/example\.org\/bundles\//);
    expect(html).toContain('id="sources-title"');
    const body = html.slice(html.indexOf('class="article-body"'));
    expect(body).not.toMatch(/\[\d+\]/);
  });

  it("keeps a source's outlet, date and research id when an editor saves with the URL unchanged", async () => {
    const editor = await h.addUser("editor", "keeper@example.com");
    const client = await h.login(editor.email);
    const story = await loadStory(h.database.db, articleId);
    if (!story) throw new Error("no story");
    const form = formFromContent(story.content);
    const lines = form.sources.split("\n");
    lines[0] = `${lines[0]?.split(" ")[0]} A retitled first source`;
    const response = await client.post(`/admin/stories/${articleId}`, {
      ...form,
      sources: [...lines, "https://example.com/new-link Pasted by hand"].join("\n"),
      base_revision: String(story.revision),
    });
    expect(response.status).toBe(303);
    const saved = await loadStory(h.database.db, articleId);
    const [first] = story.content.sources;
    expect(saved?.content.sources[0]).toEqual({ ...first, title: "A retitled first source" });
    expect(saved?.content.sources.at(-1)).toEqual({
      url: "https://example.com/new-link",
      title: "Pasted by hand",
    });
  });
});
