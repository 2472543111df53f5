import { EXIT_OK, group, type LeafCommand } from "../command/command.js";
import { cliConfig, withDatabase } from "../command/command-database.js";
import { createRelatedService } from "../related/related-service.js";

const rebuild: LeafCommand = {
  name: "rebuild",
  summary: "Recompute every article's related list from the whole corpus",
  async run(_args, io) {
    const config = cliConfig(io);
    if (typeof config === "number") return config;
    return withDatabase(config, async (database) => {
      const started = performance.now();
      const report = await createRelatedService(database).rebuildAll(new Date());
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      io.out(
        `Indexed ${report.changed} published article(s); wrote ${report.lists} related list(s) in ${seconds} s.`,
      );
      return EXIT_OK;
    });
  },
};

/** `resou related rebuild`. Publishing keeps lists current; this is for imports and repairs. */
export const relatedCommand = group("related", "Related-articles lists: rebuild", [rebuild]);
