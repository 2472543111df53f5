import { EXIT_OK, EXIT_USAGE, group, type LeafCommand } from "../command/command.js";
import { cliConfig, withDatabase } from "../command/command-database.js";
import { loadTrendReplay } from "../trends/demo-replay.js";
import { replayDate } from "../trends/web/replay-note.js";

const trends: LeafCommand = {
  name: "trends",
  summary: "Load a recorded day of real hot-search lists, marked as a replay (idempotent)",
  async run(args, io) {
    if (args.length > 0) {
      io.err("usage: resou demo trends");
      return EXIT_USAGE;
    }
    const config = cliConfig(io);
    if (typeof config === "number") return config;
    return withDatabase(config, async (database) => {
      const report = await loadTrendReplay(database.db, new Date());
      const day = replayDate(report, config.TIME_ZONE);
      io.out(
        `Replay of ${day}: ${report.stored} hot-search list(s) loaded, ${report.duplicate} already stored.`,
      );
      return EXIT_OK;
    });
  },
};

/** `resou demo trends`: demo data for a first look without a network. */
export const demoCommand = group("demo", "Demo data for a first look offline: trends", [trends]);
