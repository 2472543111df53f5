import {
  type CliIo,
  type Command,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  isGroup,
  type LeafCommand,
} from "../command/command.js";
import { isAppError } from "../core/errors.js";
import { databaseLabel, describeDatabaseFault } from "../db/database-faults.js";

/**
 * Finds the command named by the leading arguments (walking into groups such as `trends`)
 * and runs it. `help`, `--help` and `-h` anywhere in the path print help for that level.
 */
export async function route(
  program: string,
  commands: Command[],
  argv: string[],
  io: CliIo,
): Promise<number> {
  let level = commands;
  const path: string[] = [program];
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i] ?? "";
    if (word === "help" || word === "--help" || word === "-h") {
      const topic = argv[i + 1] ? level.find((c) => c.name === argv[i + 1]) : undefined;
      if (topic) io.out(helpText([...path, topic.name], isGroup(topic) ? topic.commands : [topic]));
      else io.out(helpText(path, level));
      return EXIT_OK;
    }
    const command = level.find((c) => c.name === word);
    if (!command) {
      io.err(`${path.join(" ")}: unknown command "${word}"`);
      io.err(helpText(path, level));
      return EXIT_USAGE;
    }
    path.push(command.name);
    if (isGroup(command)) {
      level = command.commands;
      continue;
    }
    return runLeaf(command, argv.slice(i + 1), io);
  }
  io.out(helpText(path, level));
  return path.length === 1 ? EXIT_OK : EXIT_USAGE;
}

async function runLeaf(command: LeafCommand, args: string[], io: CliIo): Promise<number> {
  try {
    return await command.run(args, io);
  } catch (error) {
    // The same default as the configuration's, for the message only.
    const where = databaseLabel(io.env.DATABASE_URL ?? "sqlite:./data/resou.db");
    const fault = describeDatabaseFault(error, where);
    if (fault) {
      io.err(fault.message);
      return fault.kind === "configuration" ? EXIT_USAGE : EXIT_FAILED;
    }
    // Known failures (bad input, missing records) are the user's to fix: message only.
    if (isAppError(error)) {
      io.err(error.message);
      return EXIT_FAILED;
    }
    io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return EXIT_FAILED;
  }
}

/** Usage lines for one level of the command tree. */
export function helpText(path: string[], commands: Command[]): string {
  const rows = commands.map((c) => {
    const usage = isGroup(c) ? "<command>…" : (c.usage ?? "");
    return [`${path.join(" ")} ${c.name}${usage ? ` ${usage}` : ""}`, c.summary] as const;
  });
  rows.push([`${path.join(" ")} help [command]`, "Show this help, or a command's"]);
  // Long usages get their summary on the next line instead of pushing every row right.
  const width = Math.max(...rows.map(([left]) => left.length).filter((n) => n <= 40));
  return [
    `Usage: ${path.join(" ")} <command> [arguments]`,
    "",
    ...rows.map(([left, summary]) =>
      left.length > width
        ? `  ${left}\n  ${"".padEnd(width)}  ${summary}`
        : `  ${left.padEnd(width)}  ${summary}`,
    ),
  ].join("\n");
}
