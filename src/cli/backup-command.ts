import { existsSync } from "node:fs";
import { EXIT_OK, EXIT_USAGE, type LeafCommand } from "../command/command.js";
import { cliConfig } from "../command/command-database.js";
import { backupDatabase, restoreDatabase } from "../db/database-backup.js";
import { databaseLabel } from "../db/database-faults.js";

/** The one file a backup or restore names, with `--force`; null (and usage printed) otherwise. */
function fileArgument(
  command: string,
  args: string[],
  err: (line: string) => void,
): { file: string; force: boolean } | null {
  const force = args.includes("--force");
  const files = args.filter((a) => a !== "--force");
  const file = files[0];
  if (!file || files.length > 1 || file.startsWith("-")) {
    err(`usage: resou ${command} <file> [--force]`);
    return null;
  }
  return { file, force };
}

/** `resou backup <file>`: a consistent copy while the server runs. */
export const backupCommand: LeafCommand = {
  name: "backup",
  summary: "Copy the whole database to a file while the server runs (SQLite or pg_dump)",
  usage: "<file> [--force]",
  async run(args, io) {
    const parsed = fileArgument("backup", args, io.err);
    if (!parsed) return EXIT_USAGE;
    const { file, force } = parsed;
    if (existsSync(file) && !force) {
      io.err(`resou backup: ${file} exists; pass --force to replace it`);
      return EXIT_USAGE;
    }
    const config = cliConfig(io);
    if (typeof config === "number") return config;
    const started = performance.now();
    await backupDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA }, file);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.out(`Backed up ${databaseLabel(config.DATABASE_URL)} to ${file} in ${seconds} s.`);
    return EXIT_OK;
  },
};

/** `resou restore <file>`: the backup back into the configured database. */
export const restoreCommand: LeafCommand = {
  name: "restore",
  summary: "Restore a backup into the configured database (--force replaces existing data)",
  usage: "<file> [--force]",
  async run(args, io) {
    const parsed = fileArgument("restore", args, io.err);
    if (!parsed) return EXIT_USAGE;
    const { file, force } = parsed;
    const config = cliConfig(io);
    if (typeof config === "number") return config;
    await restoreDatabase(
      { url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA },
      file,
      force,
    );
    io.out(`Restored ${file} into ${databaseLabel(config.DATABASE_URL)}.`);
    return EXIT_OK;
  },
};
