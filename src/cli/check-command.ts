import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { checkArticle } from "../checks/check-article.js";
import { caseInput, caseReference } from "../checks/check-case.js";
import { parseCheckFile } from "../checks/check-file.js";
import { loadReferenceData, type ReferenceData } from "../checks/reference-data.js";
import { seedReferenceData } from "../checks/reference-seed-data.js";
import {
  type CliIo,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  type LeafCommand,
} from "../command/command.js";
import { cliConfig, withDatabase } from "../command/command-database.js";

/** Prints the flags of one story; exit 1 when any is an error. */
async function report(file: string, text: string, base: ReferenceData, io: CliIo): Promise<number> {
  const parsed = parseCheckFile(file, text);
  if (!parsed.ok) {
    io.err(`${basename(file)}: ${parsed.error}`);
    return EXIT_USAGE;
  }
  const flags = checkArticle(caseInput(parsed.value), caseReference(parsed.value, base));
  for (const f of flags) {
    const where = f.sentenceIndex >= 0 ? `sentence ${f.sentenceIndex + 1}` : "article";
    io.out(`${f.severity.toUpperCase()} ${f.kind} (${where}): ${f.message}`);
    if (f.sentence) io.out(`  > ${f.sentence}`);
    if (f.evidence) io.out(`  evidence: ${f.evidence}`);
  }
  const errors = flags.filter((f) => f.severity === "error").length;
  io.out(`${flags.length} flag(s), ${errors} error(s), ${parsed.value.sources.length} source(s)`);
  return errors > 0 ? EXIT_FAILED : EXIT_OK;
}

/**
 * `resou check <file.md|case.json> [--db]`: the claim checks on one story and its sources.
 * Reference data is the seeded set, or with `--db` the newsroom's own tables.
 */
export const checkCommand: LeafCommand = {
  name: "check",
  summary: "Run the claim checks on one story with its sources (exit 1 on an error flag)",
  usage: "<file.md|case.json> [--db]",
  async run(args, io) {
    const useDb = args.includes("--db");
    const files = args.filter((a) => a !== "--db");
    const file = files[0];
    if (files.length !== 1 || !file || file.startsWith("-")) {
      io.err("usage: resou check <file.md|case.json> [--db]");
      return EXIT_USAGE;
    }
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      io.err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      return EXIT_USAGE;
    }
    if (!useDb) return report(file, text, seedReferenceData(), io);
    const config = cliConfig(io);
    if (typeof config === "number") return config;
    return withDatabase(config, async (database) =>
      report(file, text, await loadReferenceData(database.db), io),
    );
  },
};
