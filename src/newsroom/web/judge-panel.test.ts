import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Client,
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { createDraft } from "../../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { claimJob, completeJob } from "../../jobs/job-queue.js";
import { createLlmProvider } from "../../llm/create-provider.js";
import { llmConfigFrom } from "../../llm/llm-config.js";
import {
  type ChatReplayServer,
  startChatReplayServer,
} from "../../llm/testing/chat-replay-server.js";
import { recordedAnswer } from "../../llm/testing/chat-shapes.js";
import { CHECKS_JUDGE_JOB, checksJudgeJobHandlers } from "../judge-job.js";

const NOW = "2025-08-27T08:00:00Z";

describe.each(TEST_DIALECTS)("judge in the editor's claim-checks panel (%s)", (dialect) => {
  let h: NewsroomHarness;
  let server: ChatReplayServer;
  let editor: Client;
  beforeEach(async () => {
    // "Videos spread" is judged unsupported; everything else is supported.
    server = await startChatReplayServer((request) => {
      const user = request.body.messages?.find((m) => m.role === "user")?.content ?? "";
      const sentence = /Sentence: (.*)\n/.exec(user)?.[1] ?? "";
      return recordedAnswer(
        "openai",
        JSON.stringify({ verdict: sentence.includes("Videos") ? "no" : "yes" }),
      );
    });
    h = await createNewsroomHarness(dialect, NOW, {
      LLM_PROVIDER: "openai",
      LLM_BASE_URL: server.url,
      LLM_MODEL: "replay-model",
      LLM_MAX_RETRIES: "1",
    });
    editor = await h.login((await h.addUser("editor")).email);
  });
  afterEach(async () => {
    await h.destroy();
    await server.close();
  });

  it("says the judge is pending, then shows recall and precision; its warning does not block publishing", async () => {
    const id = await createDraft(editor);
    const pending = await (await editor.get(`/admin/stories/${id}`)).text();
    expect(pending).toContain('data-judge="pending"');

    const handlers = checksJudgeJobHandlers(h.deps, {
      provider: (d) => createLlmProvider({ ...llmConfigFrom(d.config), backoffBaseMs: 1 }, d.log),
    });
    const job = await claimJob(h.database, "test-worker", new Date(NOW), [CHECKS_JUDGE_JOB]);
    if (!job) throw new Error("no judge job queued");
    await handlers[CHECKS_JUDGE_JOB]?.(JSON.parse(job.payload), { jobId: job.id, attempt: 1 });
    await completeJob(h.database.db, job.id, new Date(NOW));

    const page = await (await editor.get(`/admin/stories/${id}`)).text();
    // Three cited sentences, two supported; three citations, two precise.
    expect(page).toMatch(/citation recall <strong data-judge-recall="true">67%<\/strong>/);
    expect(page).toMatch(/citation precision <strong data-judge-precision="true">67%<\/strong>/);
    expect(page).toContain("Videos spread [1].");
    expect(page).toContain("Judge verdict: no. Passages looked at: [1]");

    const published = await editor.post(`/admin/stories/${id}/publish`);
    expect(published.status).not.toBe(409);
    const article = await h.database.db
      .selectFrom("article")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(article.status).toBe("published");
  });

  it("says the judge is off without a model", async () => {
    const off = await createNewsroomHarness(dialect, NOW);
    try {
      const client = await off.login((await off.addUser("editor")).email);
      const id = await createDraft(client);
      const page = await (await client.get(`/admin/stories/${id}`)).text();
      expect(page).toContain("The LLM judge is off");
      const jobs = await off.database.db
        .selectFrom("job")
        .select("id")
        .where("kind", "=", CHECKS_JUDGE_JOB)
        .execute();
      expect(jobs).toEqual([]);
    } finally {
      await off.destroy();
    }
  });
});
