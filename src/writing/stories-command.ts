import { type CliIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE, group } from "../command/command.js";
import { cliConfig, withDatabase } from "../command/command-database.js";
import type { StoryContent } from "../newsroom/story-content.js";
import { loadStory } from "../newsroom/story-queries.js";
import { storyPipelineView } from "./story-pipeline-view.js";

/** The draft as Markdown with its `[n]` markers: headline, dek, lead, `## ` sections. */
export function storyMarkdown(content: StoryContent): string {
  return [
    `# ${content.headline}`,
    content.dek ? `*${content.dek}*` : "",
    content.lead,
    ...content.sections.map((s) => `## ${s.heading}\n\n${s.body}`),
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** `resou stories show <id> [--json]`: the story, its sources and its drafting stages. */
export const storiesCommand = group(
  "stories",
  "Newsroom stories: show one with its drafting stages",
  [
    {
      name: "show",
      summary: "Print a story: its draft (Markdown with [n] markers), sources and stages",
      usage: "<id> [--json]",
      async run(args: string[], io: CliIo) {
        const json = args.includes("--json");
        const rest = args.filter((a) => a !== "--json");
        const id = Number(rest[0]);
        if (rest.length !== 1 || !Number.isSafeInteger(id) || id <= 0) {
          io.err("usage: resou stories show <id> [--json]");
          return EXIT_USAGE;
        }
        const config = cliConfig(io);
        if (typeof config === "number") return config;
        return withDatabase(config, async (database) => {
          const story = await loadStory(database.db, id);
          if (!story) {
            io.err(`No story ${id}.`);
            return EXIT_FAILED;
          }
          const view = await storyPipelineView(
            database.db,
            id,
            story.content.headline,
            story.content.sources,
          );
          const markdown = storyMarkdown(story.content);
          if (json) {
            io.out(
              JSON.stringify(
                {
                  id,
                  status: story.status,
                  revision: story.revision,
                  url: `${config.SITE_URL}/admin/stories/${id}`,
                  markdown,
                  sources: story.content.sources,
                  pipeline: view.pipeline,
                  facts: view.facts,
                  stages: view.stages,
                },
                null,
                2,
              ),
            );
            return EXIT_OK;
          }
          for (const line of markdown.split("\n")) io.out(line);
          io.out("");
          io.out("Sources:");
          story.content.sources.forEach((s, i) => {
            io.out(`[${i + 1}] ${s.outlet ? `${s.outlet}: ` : ""}${s.title} ${s.url}`);
          });
          if (view.pipeline) {
            io.out("");
            io.out(
              `Pipeline: ${view.pipeline.state} at ${view.pipeline.stage}${view.pipeline.reason ? ` (${view.pipeline.reason})` : ""}`,
            );
            for (const s of view.stages) {
              io.out(
                `  ${s.stage}: ${s.state}, ${s.promptTokens + s.completionTokens} tokens, ${s.elapsedMs} ms`,
              );
            }
          }
          return EXIT_OK;
        });
      },
    },
  ],
);
