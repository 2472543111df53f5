import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config/env.js";
import { startChatReplayServer } from "../llm/testing/chat-replay-server.js";
import { recordedAnswer } from "../llm/testing/chat-shapes.js";
import { draftBundle } from "./draft-eval.js";
import { readBundles } from "./source-bundle.js";
import { draftReply, stageName } from "./testing/draft-replay.js";
import { BUNDLES, replayProvider } from "./testing/pipeline-harness.js";

const bundles = readBundles(fileURLToPath(BUNDLES));
const config = loadConfig({ DEMO_CONTENT: "0" });

describe("eval:drafts scoring", () => {
  it("ships at least three bundles, one of them too thin for an explainer", () => {
    expect(bundles.length).toBeGreaterThanOrEqual(3);
  });

  it("scores fully cited, well-formed drafts of every bundle", async () => {
    const server = await startChatReplayServer((request) => draftReply(request));
    const provider = replayProvider(server.url);
    try {
      const modes: string[] = [];
      for (const { bundle } of bundles) {
        const { score, content } = await draftBundle(bundle, provider, config, () => 0);
        expect(score).toMatchObject({
          outcome: "done",
          citedShare: 1,
          markersInRange: 1,
          structureOk: true,
        });
        expect(score.words).toBeGreaterThan(20);
        expect(score.promptTokens).toBeGreaterThan(0);
        expect(content?.sources.length).toBeGreaterThan(0);
        modes.push(score.mode ?? "");
      }
      expect(modes).toContain("brief");
      expect(modes).toContain("explainer");
    } finally {
      await provider.close();
      await server.close();
    }
  });

  it("scores a failed draft as failed with its reason", async () => {
    const server = await startChatReplayServer((request) =>
      stageName(request) === "lead" ? recordedAnswer("deepseek-blank") : draftReply(request),
    );
    const provider = replayProvider(server.url, 0);
    try {
      const first = bundles[0];
      if (!first) throw new Error("no bundle");
      const { score, content } = await draftBundle(first.bundle, provider, config, () => 0);
      expect(score.outcome).toBe("failed");
      expect(score.reason).toMatch(/^lead failed/);
      expect(score.structureOk).toBe(false);
      expect(content).toBeNull();
    } finally {
      await provider.close();
      await server.close();
    }
  });
});
