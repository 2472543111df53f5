import {
  type CliIo,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  type LeafCommand,
} from "../command/command.js";
import { cliConfig, withDatabase } from "../command/command-database.js";
import { systemClock } from "../core/clock.js";
import { silentLogger } from "../core/log.js";
import { newsroomDeps } from "../newsroom/newsroom-deps.js";
import { startStoryFromTopic } from "../research/index.js";
import { pipelineDepsFor } from "./pipeline-job.js";
import { PIPELINE_ACTOR, type ProgressEvent, runPipeline } from "./pipeline-runner.js";

const USAGE = 'draft --topic "<hashtag>"';

/** `--topic x` or `--topic=x`; undefined when missing, a message when malformed. */
function topicArg(args: string[]): string | undefined {
  for (const [i, arg] of args.entries()) {
    if (arg === "--topic") return args[i + 1];
    if (arg.startsWith("--topic=")) return arg.slice("--topic=".length);
  }
  return undefined;
}

function progressLine(event: ProgressEvent): string {
  const detail = event.detail ? `: ${event.detail}` : "";
  return `[${event.stage}] ${event.state}${detail}`;
}

/**
 * `resou draft --topic "<hashtag>"`: research and drafting for one hot-search topic, in the
 * foreground, stage by stage on stderr. Prints the story id and its newsroom URL.
 */
export const draftCommand: LeafCommand = {
  name: "draft",
  summary: "Research and draft one trending topic now, showing each stage",
  usage: '--topic "<hashtag>"',
  async run(args: string[], io: CliIo) {
    const topic = topicArg(args)
      ?.trim()
      .replace(/^#+|#+$/g, "");
    if (!topic || args.some((a) => a.startsWith("--") && !a.startsWith("--topic"))) {
      io.err(`usage: resou ${USAGE}`);
      return EXIT_USAGE;
    }
    const config = cliConfig(io);
    if (typeof config === "number") return config;
    return withDatabase(config, async (database) => {
      // Logs would mix JSON into the output; progress and reasons go to stderr instead.
      const deps = { database, config, clock: systemClock, log: silentLogger };
      const row = await database.db
        .selectFrom("trend_topic")
        .select(["id", "word"])
        .where((eb) => eb.or([eb("word", "=", topic), eb("query", "=", `#${topic}#`)]))
        .orderBy("id", "desc")
        .executeTakeFirst();
      if (!row) {
        io.err(
          `No topic “${topic}” on the stored hot-search lists (resou trends import adds some).`,
        );
        return EXIT_FAILED;
      }
      const { articleId, existing } = await startStoryFromTopic(
        { deps: newsroomDeps(deps), audit: PIPELINE_ACTOR },
        row.id,
      );
      io.err(`${existing ? "Existing" : "New"} story ${articleId} for #${row.word}#`);
      const pipeline = await pipelineDepsFor(deps);
      pipeline.onProgress = (event) => io.err(progressLine(event));
      try {
        const outcome = await runPipeline(pipeline, articleId);
        io.out(`story ${articleId}`);
        io.out(`${config.SITE_URL}/admin/stories/${articleId}`);
        if (outcome.state === "done") return EXIT_OK;
        io.err(`No draft: ${outcome.reason}`);
        return EXIT_FAILED;
      } finally {
        await pipeline.provider?.close();
      }
    });
  },
};
