import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { writerChangeFeed } from "../changes/database-change-feed.js";
import { loadJudgeRun } from "../checks/judge-store.js";
import { loadConfig } from "../config/env.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../content/categories.js";
import { fixedClock } from "../core/clock.js";
import { silentLogger } from "../core/log.js";
import { claimJob, completeJob } from "../jobs/job-queue.js";
import { createLlmProvider } from "../llm/create-provider.js";
import { llmConfigFrom } from "../llm/llm-config.js";
import { type ChatReplayServer, startChatReplayServer } from "../llm/testing/chat-replay-server.js";
import { recordedAnswer } from "../llm/testing/chat-shapes.js";
import { systemContext } from "./audit-log.js";
import { createStory, saveStory } from "./commands/story-commands.js";
import {
  CHECKS_JUDGE_JOB,
  checksJudgeJobHandlers,
  type JudgeWiring,
  runJudge,
} from "./judge-job.js";
import { type NewsroomDeps, newsroomDeps } from "./newsroom-deps.js";
import type { StoryContent } from "./story-content.js";
import { CheckPanel } from "./web/check-panel.js";

const NOW = "2025-08-27T12:00:00Z";

const story = (extra = ""): StoryContent => ({
  headline: "Trump and Kim met at the border",
  dek: "A short meeting in the demilitarised zone.",
  lead:
    "Donald Trump met Kim Jong Un at Panmunjom on 30 June 2019 [1]. " +
    "The two leaders agreed to resume talks [1][2]. " +
    "Trump called the meeting historic and very long [1]. " +
    `Kim promised to give up all nuclear weapons [2].${extra}`,
  sections: [],
  category: DEFAULT_CATEGORIES[0] ?? "News & Politics",
  tags: [],
  hashtag: "",
  hashtagEn: "",
  byline: "",
  sources: [
    {
      url: "https://example.com/a",
      title:
        "Donald Trump met Kim Jong Un at Panmunjom on 30 June 2019; the two agreed to resume talks and Trump called it historic.",
      outlet: "Example Wire",
    },
    {
      url: "https://example.com/b",
      title: "The two leaders agreed to resume talks.",
      outlet: "Example Post",
    },
  ],
});

/** The judge's answers, by sentence: the server reads the request like a model would. */
function verdictFor(user: string): string {
  const sentence = /Sentence: (.*)\n/.exec(user)?.[1] ?? "";
  if (sentence.includes("nuclear")) return "no";
  if (sentence.includes("very long")) return "partial";
  return "yes";
}

describe.each(TEST_DIALECTS)("claim-check judge job (%s)", (dialect) => {
  let database: TestDatabase;
  let server: ChatReplayServer;
  let deps: NewsroomDeps;
  let answer: "verdicts" | "garbage" = "verdicts";
  // The real HTTP provider, built from the configuration, with tiny back-offs for the test.
  const wiring: JudgeWiring = {
    provider: (d) =>
      createLlmProvider(
        { ...llmConfigFrom(d.config), backoffBaseMs: 1, maxRetryAfterMs: 50 },
        d.log,
      ),
  };
  const ctx = () => ({ deps, audit: systemContext });

  const judgeRequests = () =>
    server.requests.filter(
      (r) => r.body.response_format?.json_schema?.name === "entailment_verdict",
    ).length;

  /** Claims and runs every queued judge job as the worker would; returns their keys. */
  async function runQueuedJudges(): Promise<string[]> {
    const handlers = checksJudgeJobHandlers(deps, wiring);
    const ran: string[] = [];
    for (;;) {
      const job = await claimJob(database, "test-worker", new Date(NOW), [CHECKS_JUDGE_JOB]);
      if (!job) return ran;
      await handlers[CHECKS_JUDGE_JOB]?.(JSON.parse(job.payload), { jobId: job.id, attempt: 1 });
      await completeJob(database.db, job.id, new Date(NOW));
      ran.push(job.unique_key ?? "");
    }
  }

  const entailmentFlags = (articleId: number) =>
    database.db
      .selectFrom("check_flag")
      .selectAll()
      .where("article_id", "=", articleId)
      .where("kind", "=", "entailment")
      .orderBy("revision")
      .orderBy("sentence_index")
      .execute();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await ensureCategories(database.db, DEFAULT_CATEGORIES);
    server = await startChatReplayServer((request) => {
      if (answer === "garbage") return recordedAnswer("openai", "verdict: maybe {");
      const user = request.body.messages?.find((m) => m.role === "user")?.content ?? "";
      return recordedAnswer("openai", JSON.stringify({ verdict: verdictFor(user) }), {
        usage: { prompt: 50, completion: 5 },
      });
    });
    const config = loadConfig({
      DEMO_CONTENT: "0",
      SITE_URL: "https://resou.example",
      LLM_PROVIDER: "openai",
      LLM_BASE_URL: server.url,
      LLM_MODEL: "replay-model",
      LLM_MAX_RETRIES: "1",
    });
    deps = newsroomDeps({
      database,
      config,
      clock: fixedClock(NOW),
      log: silentLogger,
      changes: await writerChangeFeed(database, silentLogger),
    });
  });
  afterAll(async () => {
    await server.close();
    await database.destroy();
  });

  it("judges a saved story in a worker job and stores recall, precision and flags", async () => {
    answer = "verdicts";
    const { articleId } = await createStory(ctx(), story());
    const queued = await database.db
      .selectFrom("job")
      .select(["kind", "unique_key", "payload"])
      .where("kind", "=", CHECKS_JUDGE_JOB)
      .where("unique_key", "=", `checks.judge:${articleId}:1`)
      .execute();
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0]?.payload ?? "{}")).toEqual({ articleId, revision: 1 });

    const before = judgeRequests();
    expect(await runQueuedJudges()).toContain(`checks.judge:${articleId}:1`);
    expect(judgeRequests()).toBeGreaterThan(before);

    const run = await loadJudgeRun(database.db, articleId, 1);
    expect(run).toMatchObject({
      status: "done",
      provider: "openai",
      model: "replay-model",
      sentences: 4,
      supported: 2,
      partial: 1,
      unsupported: 1,
      citations: 5,
      precise_citations: 3,
      reason: null,
    });
    // Recall: 2 of 4 sentences entailed; precision: 3 of 5 citations support their sentence.
    expect(Number(run?.citation_recall)).toBeCloseTo(0.5, 9);
    expect(Number(run?.citation_precision)).toBeCloseTo(0.6, 9);
    expect(Number(run?.prompt_tokens)).toBe(Number(run?.calls) * 50);

    const flags = await entailmentFlags(articleId);
    expect(flags.map((f) => [f.revision, f.severity, f.status])).toEqual([
      [1, "info", "open"],
      [1, "warning", "open"],
    ]);
    expect(flags[0]?.sentence).toContain("very long");
    expect(flags[0]?.evidence).toMatch(
      /^Judge verdict: partial\. Passages looked at: \[1\] Donald Trump/,
    );
    expect(flags[1]?.sentence).toContain("nuclear");
    expect(flags[1]?.evidence).toBe(
      "Judge verdict: no. Passages looked at: [2] The two leaders agreed to resume talks.",
    );

    // The panel shows the numbers and the flags.
    const all = await database.db
      .selectFrom("check_flag")
      .selectAll()
      .where("article_id", "=", articleId)
      .execute();
    const html = String(
      CheckPanel({
        articleId,
        flags: all,
        judge: run ? { state: "run", run } : { state: "pending" },
        canResolve: true,
        csrf: "t",
      }),
    );
    expect(html).toContain('data-judge="done"');
    expect(html).toMatch(/citation recall <strong data-judge-recall="true">50%<\/strong>/);
    expect(html).toMatch(/<strong data-judge-precision="true">60%<\/strong>/);
    expect(html).toContain("The cited sources do not support this sentence");

    // A rerun for the same revision asks nothing and writes nothing.
    const asked = judgeRequests();
    expect(await runJudge(deps, articleId, 1, wiring)).toBe("already");
    expect(judgeRequests()).toBe(asked);
    expect(await entailmentFlags(articleId)).toHaveLength(2);
    const runs = await database.db
      .selectFrom("check_judge_run")
      .select("id")
      .where("article_id", "=", articleId)
      .execute();
    expect(runs).toHaveLength(1);
  });

  it("skips a revision that is no longer the newest, and keeps an override on the newer one", async () => {
    answer = "verdicts";
    const { articleId } = await createStory(ctx(), story());
    expect(await runQueuedJudges()).toEqual([`checks.judge:${articleId}:1`]);
    const nuclear = (await entailmentFlags(articleId)).find((f) => f.severity === "warning");
    await database.db
      .updateTable("check_flag")
      .set({
        status: "overridden",
        resolution_reason: "Confirmed by a second call",
        resolver_label: "ed",
      })
      .where("id", "=", nuclear?.id ?? 0)
      .execute();

    const saved2 = await saveStory(ctx(), articleId, 1, story(" The talks lasted an hour [1]."));
    const saved3 = await saveStory(ctx(), articleId, 2, story(" The talks lasted two hours [1]."));
    expect([saved2.kind, saved3.kind]).toEqual(["saved", "saved"]);
    const asked = judgeRequests();
    // Revision 2's job finds revision 3 newer: no model call, nothing stored.
    expect(await runJudge(deps, articleId, 2, wiring)).toBe("stale");
    expect(judgeRequests()).toBe(asked);
    expect(await loadJudgeRun(database.db, articleId, 2)).toBeUndefined();

    // The queued job of revision 2 runs as a no-op; revision 3's is judged.
    expect(await runQueuedJudges()).toEqual([
      `checks.judge:${articleId}:2`,
      `checks.judge:${articleId}:3`,
    ]);
    expect(await loadJudgeRun(database.db, articleId, 2)).toBeUndefined();
    expect((await loadJudgeRun(database.db, articleId, 3))?.status).toBe("done");
    const rev3 = (await entailmentFlags(articleId)).filter((f) => f.revision === 3);
    expect(rev3.find((f) => f.sentence.includes("nuclear"))).toMatchObject({
      status: "overridden",
      resolution_reason: "Confirmed by a second call",
    });
  });

  it("stores the reason when the model never answers valid JSON, and raises no flag", async () => {
    answer = "garbage";
    try {
      const { articleId } = await createStory(ctx(), story());
      const asked = judgeRequests();
      expect(await runQueuedJudges()).toEqual([`checks.judge:${articleId}:1`]);
      // First try plus the one configured retry, then the judge gives up.
      expect(judgeRequests() - asked).toBeGreaterThanOrEqual(2);
      const run = await loadJudgeRun(database.db, articleId, 1);
      expect(run).toMatchObject({
        status: "failed",
        citation_recall: null,
        citation_precision: null,
      });
      expect(run?.reason).toMatch(/^invalid_json: /);
      expect(await entailmentFlags(articleId)).toEqual([]);
      const job = await database.db
        .selectFrom("job")
        .select("status")
        .where("unique_key", "=", `checks.judge:${articleId}:1`)
        .executeTakeFirst();
      expect(job?.status).toBe("done");
      expect(await runJudge(deps, articleId, 1, wiring)).toBe("already");
    } finally {
      answer = "verdicts";
    }
  });

  it("enqueues nothing when no model is configured", async () => {
    const off = newsroomDeps({
      database,
      config: loadConfig({
        DEMO_CONTENT: "0",
        SITE_URL: "https://resou.example",
        LLM_PROVIDER: "none",
      }),
      clock: fixedClock(NOW),
      log: silentLogger,
      changes: await writerChangeFeed(database, silentLogger),
    });
    const { articleId } = await createStory({ deps: off, audit: systemContext }, story());
    await saveStory({ deps: off, audit: systemContext }, articleId, 1, story(" More [1]."));
    const jobs = await database.db
      .selectFrom("job")
      .select("id")
      .where("unique_key", "like", `checks.judge:${articleId}:%`)
      .execute();
    expect(jobs).toEqual([]);
    const html = String(
      CheckPanel({ articleId, flags: [], judge: { state: "off" }, canResolve: false, csrf: "" }),
    );
    expect(html).toContain("The LLM judge is off");
  });
});
