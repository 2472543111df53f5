import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { citationProblems } from "../content/citation-markers.js";
import { startChatReplayServer } from "../llm/testing/chat-replay-server.js";
import { recordedAnswer } from "../llm/testing/chat-shapes.js";
import { loadStory } from "../newsroom/story-queries.js";
import { runPipeline } from "./pipeline-runner.js";
import { readBundle } from "./source-bundle.js";
import { listStages, loadPipeline } from "./stage-store.js";
import { draftReply, stageName } from "./testing/draft-replay.js";
import {
  BUNDLES,
  createPipelineHarness,
  type PipelineHarness,
  replayProvider,
} from "./testing/pipeline-harness.js";

const trumpKim = readBundle(fileURLToPath(new URL("trump-kim-2025-08-26.json", BUNDLES)));
const satellite = readBundle(fileURLToPath(new URL("satellite-2025-08-26.json", BUNDLES)));

async function revisions(h: PipelineHarness, articleId: number) {
  return h.database.db
    .selectFrom("article_revision")
    .select(["number", "kind", "author_label"])
    .where("article_id", "=", articleId)
    .orderBy("number")
    .execute();
}

describe.each(TEST_DIALECTS)("drafting pipeline (%s)", (dialect) => {
  let h: PipelineHarness;
  beforeAll(async () => {
    h = await createPipelineHarness(dialect);
  });
  afterAll(async () => {
    await h.destroy();
  });

  it("drafts a cited explainer through the replayed provider and saves it as the pipeline", async () => {
    const server = await startChatReplayServer((request) => draftReply(request));
    const provider = replayProvider(server.url);
    try {
      const articleId = await h.createTopicStory(trumpKim);
      const outcome = await runPipeline(h.pipelineDeps(trumpKim, provider), articleId);
      expect(outcome).toEqual({ state: "done", revision: 2 });

      const story = await loadStory(h.database.db, articleId);
      const content = story?.content;
      if (!content) throw new Error("no story");
      expect(story.status).toBe("draft");
      expect(content.headline).toBe("Drafted headline from the sourced facts");
      expect(content.lead.startsWith("BEIJING — ")).toBe(true);
      expect(content.sections).toHaveLength(3);
      for (const text of [content.lead, ...content.sections.map((s) => s.body)]) {
        expect(citationProblems(text, content.sources.length)).toEqual([]);
      }
      // Sources in citation order, with research's metadata; the first cited comes first.
      expect(content.sources.map((s) => s.sourceId).sort()).toEqual([1, 2, 3, 4]);
      expect(content.lead).toMatch(/\[1\]/);
      expect(content.sources[0]).toMatchObject({
        outlet: expect.any(String),
        url: expect.stringMatching(/^https:/),
      });

      // Every stage asked once, with the date, zone and office holders in every prompt.
      const names = server.requests.map(stageName);
      expect(names).toEqual([
        "translation",
        "facts",
        "outline",
        "section",
        "section",
        "section",
        "lead",
      ]);
      for (const request of server.requests) {
        const system = request.body.messages?.[0]?.content ?? "";
        expect(system).toContain("Tuesday, 26 August 2025");
        expect(system).toContain("Asia/Shanghai");
        expect(system).toContain(
          "Donald Trump: President, United States, in office since 2025-01-20",
        );
      }

      const stages = await listStages(h.database.db, articleId);
      expect(stages.map((s) => `${s.stage}:${s.state}`)).toEqual([
        "research:done",
        "translate:done",
        "facts:done",
        "outline:done",
        "section:1:done",
        "section:2:done",
        "section:3:done",
        "lead:done",
        "save:done",
      ]);
      expect(stages.find((s) => s.stage === "outline")?.template).toBe("outline.v1");
      const pipeline = await loadPipeline(h.database.db, articleId);
      const tokens = stages.reduce((n, s) => n + s.promptTokens + s.completionTokens, 0);
      expect(pipeline).toMatchObject({
        state: "done",
        mode: "explainer",
        draft_revision: 2,
        llm_calls: 7,
      });
      expect(Number(pipeline?.prompt_tokens) + Number(pipeline?.completion_tokens)).toBe(tokens);
      expect(Number(pipeline?.cost_usd)).toBeCloseTo(tokens / 1_000_000, 9);

      const revs = await revisions(h, articleId);
      expect(revs).toEqual([
        { number: 1, kind: "create", author_label: "Resou pipeline" },
        { number: 2, kind: "save", author_label: "Resou pipeline" },
      ]);
      const audit = await h.database.db
        .selectFrom("audit_event")
        .select(["action", "actor_label"])
        .where("target_id", "=", String(articleId))
        .execute();
      expect(audit).toContainEqual({ action: "story.edit", actor_label: "Resou pipeline" });

      // Running again changes nothing and asks nothing.
      const before = server.requests.length;
      expect(await runPipeline(h.pipelineDeps(trumpKim, provider), articleId)).toEqual({
        state: "done",
        revision: 2,
      });
      expect(server.requests.length).toBe(before);
      expect(await revisions(h, articleId)).toHaveLength(2);
    } finally {
      await provider.close();
      await server.close();
    }
  });

  it("writes a data brief from fewer than three outlets and says so", async () => {
    const server = await startChatReplayServer((request) => draftReply(request));
    const provider = replayProvider(server.url);
    try {
      const articleId = await h.createTopicStory(satellite);
      const outcome = await runPipeline(h.pipelineDeps(satellite, provider), articleId);
      expect(outcome.state).toBe("done");
      const story = await loadStory(h.database.db, articleId);
      expect(story?.content.sections.length).toBeLessThanOrEqual(2);
      expect(story?.content.tags).toContain("data brief");
      const pipeline = await loadPipeline(h.database.db, articleId);
      expect(pipeline?.mode).toBe("brief");
      expect(pipeline?.reason).toMatch(/Data brief: only 2 independent outlet/);
    } finally {
      await provider.close();
      await server.close();
    }
  });

  it("leaves no draft and a clear reason when a stage's answers are invalid JSON every time", async () => {
    const server = await startChatReplayServer((request) =>
      stageName(request) === "outline"
        ? recordedAnswer("openai", "{ not json")
        : draftReply(request),
    );
    const provider = replayProvider(server.url);
    try {
      const articleId = await h.createTopicStory(trumpKim);
      const outcome = await runPipeline(h.pipelineDeps(trumpKim, provider), articleId);
      expect(outcome.state).toBe("failed");
      if (outcome.state !== "failed") return;
      expect(outcome.reason).toMatch(/^outline failed: /);
      expect(await revisions(h, articleId)).toHaveLength(1);
      const pipeline = await loadPipeline(h.database.db, articleId);
      expect(pipeline).toMatchObject({ state: "failed", stage: "outline", reason: outcome.reason });
      const stages = await listStages(h.database.db, articleId);
      expect(stages.at(-1)).toMatchObject({ stage: "outline", state: "failed" });
      expect(stages.some((s) => s.stage.startsWith("section"))).toBe(false);
    } finally {
      await provider.close();
      await server.close();
    }
  });

  it("leaves no draft when 429s outlast the retries", async () => {
    const server = await startChatReplayServer((request) =>
      stageName(request) === "facts"
        ? recordedAnswer("openai-rate-limited", "", { headers: { "retry-after": "0" } })
        : draftReply(request),
    );
    const provider = replayProvider(server.url, 2);
    try {
      const articleId = await h.createTopicStory(trumpKim);
      const outcome = await runPipeline(h.pipelineDeps(trumpKim, provider), articleId);
      expect(outcome.state).toBe("failed");
      if (outcome.state === "failed") expect(outcome.reason).toMatch(/^facts failed: .*/);
      expect(server.requests.filter((r) => stageName(r) === "facts")).toHaveLength(3);
      expect(await revisions(h, articleId)).toHaveLength(1);
    } finally {
      await provider.close();
      await server.close();
    }
  });

  it("stops after research when no provider is configured, with the reason", async () => {
    const articleId = await h.createTopicStory(trumpKim);
    const outcome = await runPipeline(h.pipelineDeps(trumpKim, null), articleId);
    expect(outcome.state).toBe("stopped");
    const pipeline = await loadPipeline(h.database.db, articleId);
    expect(pipeline?.state).toBe("stopped");
    expect(pipeline?.reason).toMatch(/LLM_PROVIDER=none/);
    const stages = await listStages(h.database.db, articleId);
    expect(stages.map((s) => s.stage)).toEqual(["research"]);
    expect(await revisions(h, articleId)).toHaveLength(1);
  });
});
