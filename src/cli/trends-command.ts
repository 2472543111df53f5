import { type CliIo, group, type LeafCommand, textOutput } from "../command/command.js";
import { cliConfig, withDatabase } from "../command/command-database.js";
import type { Database } from "../db/database.js";
import { runTrendsImport, runTrendsStatus } from "../trends/trends-cli.js";

type TrendsRunner = (
  database: Database,
  args: string[],
  output: { write(text: string): unknown },
) => Promise<number>;

/** A leaf that opens the configured database and hands it to a trends CLI function. */
function trendsLeaf(
  name: string,
  summary: string,
  usage: string,
  runner: TrendsRunner,
): LeafCommand {
  return {
    name,
    summary,
    usage,
    async run(args: string[], io: CliIo) {
      const config = cliConfig(io);
      if (typeof config === "number") return config;
      return withDatabase(config, async (database) => {
        const output = textOutput(io);
        try {
          return await runner(database, args, output);
        } finally {
          output.flush();
        }
      });
    },
  };
}

/** `resou trends import …` and `resou trends status`. */
export const trendsCommand = group("trends", "Weibo hot-search tracking: import captures, status", [
  trendsLeaf(
    "import",
    "Import captured hot-search lists (JSON or HTML) in the given order",
    "<files…> [--captured-at <ISO-8601 time>]",
    (database, args, output) => runTrendsImport(database, args, output),
  ),
  trendsLeaf(
    "status",
    "Source health, the latest snapshot and recent fetch attempts",
    "",
    runTrendsStatus,
  ),
]);
