import { writerChangeFeed } from "../changes/database-change-feed.js";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type LeafCommand } from "../command/command.js";
import { cliConfig, withDatabase } from "../command/command-database.js";
import { importArticles } from "../content/import/import-articles.js";
import { isAppError } from "../core/errors.js";
import { silentLogger } from "../core/log.js";
import { createRelatedService } from "../related/related-service.js";

/**
 * `resou import <file|dir>…`: validates every file first and writes all of them in one
 * transaction, or nothing. Prints one line per article and every problem as `file: field:
 * message`.
 */
export const importCommand: LeafCommand = {
  name: "import",
  summary: "Import Markdown (front matter) or JSON articles; re-importing updates by slug",
  usage: "<file|dir>…",
  accepts: "paths",
  async run(args, io) {
    if (args.length === 0) {
      io.err("resou import: name at least one file or folder (resou import <file|dir>…)");
      return EXIT_USAGE;
    }
    const config = cliConfig(io);
    if (typeof config === "number") return config;
    return withDatabase(config, async (database) => {
      try {
        const report = await importArticles(database, args, {
          now: new Date(),
          deskByline: config.DESK_BYLINE,
          timeZone: config.TIME_ZONE,
        });
        for (const warning of report.warnings) io.err(`warning: ${warning}`);
        for (const r of report.results) io.out(`${r.outcome.padEnd(9)} ${r.file} (${r.slug})`);
        const counts = ["created", "updated", "unchanged"].map(
          (o) => `${report.results.filter((r) => r.outcome === o).length} ${o}`,
        );
        io.out(`Imported ${report.results.length} article(s): ${counts.join(", ")}.`);
        // Related lists are current when the command returns, as after a newsroom publish.
        const changed = report.results.filter((r) => r.outcome !== "unchanged").map((r) => r.id);
        if (changed.length > 0) {
          const related = await createRelatedService(database).refreshArticles(changed, new Date());
          io.out(`Updated ${related.lists} related-article list(s).`);
          // Running servers have dropped what the import replaced before the command returns.
          await (await writerChangeFeed(database, silentLogger)).settle();
        }
        return EXIT_OK;
      } catch (error) {
        // A busy, read-only or full database is the router's to describe, with its driver code.
        if (!isAppError(error) || error.id === "unavailable") throw error;
        const fields = error.details.fields ?? [];
        if (fields.length === 0) io.err(error.message);
        for (const problem of fields) {
          const file = "file" in problem ? `${String(problem.file)}: ` : "";
          io.err(`${file}${problem.field}: ${problem.message}`);
        }
        if (fields.length > 0)
          io.err(`Import failed (${fields.length} problem(s)); nothing was written.`);
        return EXIT_FAILED;
      }
    });
  },
};
