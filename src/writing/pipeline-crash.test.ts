import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS, type TestDatabase } from "../../test/support/test-database.js";
import { enqueueJob } from "../jobs/job-queue.js";
import { startChatReplayServer } from "../llm/testing/chat-replay-server.js";
import { pipelineJobKey, WRITING_PIPELINE_JOB } from "./pipeline-job.js";
import { readBundle } from "./source-bundle.js";
import { listStages, loadPipeline } from "./stage-store.js";
import { draftReply, stageName } from "./testing/draft-replay.js";
import {
  BUNDLES,
  createPipelineHarness,
  type PipelineHarness,
} from "./testing/pipeline-harness.js";

const BUNDLE_FILE = fileURLToPath(new URL("trump-kim-2025-08-26.json", BUNDLES));
const CHILD = fileURLToPath(new URL("./testing/pipeline-worker-child.ts", import.meta.url));
const bundle = readBundle(BUNDLE_FILE);

function startChild(database: TestDatabase, llmUrl: string, staleMs: number): ChildProcess {
  const dbUrl = database.url;
  return spawn(process.execPath, ["--import", "tsx", CHILD], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      DATABASE_SCHEMA: database.dialect === "postgres" ? database.schema : "public",
      LLM_PROVIDER: "openai",
      LLM_BASE_URL: llmUrl,
      LLM_MODEL: "replay-model",
      LLM_MAX_RETRIES: "0",
      RESOU_BUNDLE: BUNDLE_FILE,
      RESOU_STALE_MS: String(staleMs),
      DEMO_CONTENT: "0",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** Polls until the predicate holds; the deadline only guards against a hung test. */
async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(TEST_DIALECTS)("drafting pipeline survives a killed worker (%s)", (dialect) => {
  let h: PipelineHarness;
  beforeAll(async () => {
    h = await createPipelineHarness(dialect);
  });
  afterAll(async () => {
    await h.destroy();
  });

  it("resumes in a new worker after SIGKILL mid-request and ends with exactly one draft", async () => {
    // The second section's request is held open until the first worker is dead.
    let hold = true;
    let heldResolve: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      heldResolve = resolve;
    });
    const server = await startChatReplayServer((request) => {
      if (hold && stageName(request) === "section") {
        const sections = server.requests.filter((r) => stageName(r) === "section").length;
        if (sections === 2) {
          heldResolve();
          return { hang: true };
        }
      }
      return draftReply(request);
    });
    const children: ChildProcess[] = [];
    try {
      const articleId = await h.createTopicStory(bundle);
      await enqueueJob(
        h.database,
        WRITING_PIPELINE_JOB,
        { articleId },
        new Date("2025-08-26T04:30:00Z"),
        {
          uniqueKey: pipelineJobKey(articleId),
        },
      );

      const first = startChild(h.database, server.url, 60_000);
      children.push(first);
      await held;
      const midway = await listStages(h.database.db, articleId);
      expect(midway.filter((s) => s.stage === "section:2").map((s) => s.state)).toEqual([
        "running",
      ]);
      first.kill("SIGKILL");
      await once(first, "exit");
      hold = false;

      // A new worker takes over the dead one's job once it counts as stale.
      const second = startChild(h.database, server.url, 300);
      children.push(second);
      const pipeline = await until(async () => {
        const p = await loadPipeline(h.database.db, articleId);
        return p && ["done", "failed", "stopped"].includes(p.state) ? p : undefined;
      }, "the pipeline to finish");
      expect(pipeline).toMatchObject({ state: "done", draft_revision: 2 });

      const revisions = await h.database.db
        .selectFrom("article_revision")
        .select(["number", "kind"])
        .where("article_id", "=", articleId)
        .orderBy("number")
        .execute();
      expect(revisions).toEqual([
        { number: 1, kind: "create" },
        { number: 2, kind: "save" },
      ]);
      const stages = await listStages(h.database.db, articleId);
      const runs = (name: string) => stages.filter((s) => s.stage === name).map((s) => s.state);
      // Finished stages were not run again; the cut-off one was redone.
      expect(runs("facts")).toEqual(["done"]);
      expect(runs("section:1")).toEqual(["done"]);
      expect(runs("section:2")).toEqual(["abandoned", "done"]);
      expect(runs("save")).toEqual(["done"]);
      expect(server.requests.filter((r) => stageName(r) === "facts")).toHaveLength(1);
      const job = await h.database.db
        .selectFrom("job")
        .select(["status", "attempts"])
        .where("unique_key", "=", pipelineJobKey(articleId))
        .executeTakeFirstOrThrow();
      expect(job).toEqual({ status: "done", attempts: 2 });
    } finally {
      for (const child of children) {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGTERM");
          await once(child, "exit");
        }
      }
      await server.close();
    }
  }, 120_000);
});
