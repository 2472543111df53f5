/**
 * Topic-to-draft time with the replayed provider: the real pipeline (stage store, prompt
 * templates, real OpenAI-compatible provider over loopback HTTP, assembly, validation, the
 * newsroom's save) against a chat replay server answering instantly, so the time measured
 * is the pipeline's own overhead, not a model's. Also LLM calls and tokens per article
 * (tokens as the replay server counts them: prompt characters / 4).
 */
import { fileURLToPath } from "node:url";
import { loadConfig } from "../src/config/env.js";
import { startChatReplayServer } from "../src/llm/testing/chat-replay-server.js";
import { draftBundle } from "../src/writing/draft-eval.js";
import { readBundles } from "../src/writing/source-bundle.js";
import { draftReply } from "../src/writing/testing/draft-replay.js";
import { replayProvider } from "../src/writing/testing/pipeline-harness.js";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;
const dir = fileURLToPath(new URL("../test/fixtures/bundles/", import.meta.url));
const server = await startChatReplayServer((request) => draftReply(request));
const provider = replayProvider(server.url);
const config = loadConfig({ DEMO_CONTENT: "0" });
try {
  for (const { file, bundle } of readBundles(dir)) {
    const times: number[] = [];
    let calls = 0;
    let tokens = 0;
    for (let i = 0; i < runs; i++) {
      const { score } = await draftBundle(bundle, provider, config, () => 0);
      if (score.outcome !== "done") throw new Error(`${file}: ${score.reason}`);
      times.push(score.ms);
      calls = score.llmCalls;
      tokens = score.promptTokens + score.completionTokens;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    process.stdout.write(
      `${file}: topic→draft median ${median} ms (min ${times[0]}, max ${times.at(-1)}, ${runs} runs), ${calls} LLM calls, ${tokens} tokens per article\n`,
    );
  }
} finally {
  await provider.close();
  await server.close();
}
