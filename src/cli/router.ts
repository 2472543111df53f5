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
    if (isHelp(word)) {
      const asked = argv[i + 1];
      const topic = asked ? level.find((c) => c.name === asked) : undefined;
      if (asked && !topic) {
        io.err(`${path.join(" ")}: no command "${asked}"`);
        io.err(helpText(path, level));
        return EXIT_USAGE;
      }
      if (!topic) io.out(helpText(path, level));
      else if (isGroup(topic)) io.out(helpText([...path, topic.name], topic.commands));
      else return leafHelp([...path, topic.name], topic, argv[i + 2], io);
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
    const args = argv.slice(i + 1);
    // `resou users help create`, `resou import --help`: help, not arguments.
    if (isHelp(args[0] ?? "")) return leafHelp(path, command, args[1], io);
    return runLeaf(command, args, io);
  }
  io.out(helpText(path, level));
  return path.length === 1 ? EXIT_OK : EXIT_USAGE;
}

const isHelp = (word: string) => word === "help" || word === "--help" || word === "-h";

/** One command's usage; for a command with subcommands, only `sub`'s lines when given. */
function leafHelp(path: string[], command: LeafCommand, sub: string | undefined, io: CliIo) {
  const name = path.join(" ");
  const lines = command.subcommands ?? [command.usage ?? ""];
  const shown = sub ? lines.filter((l) => l === sub || l.startsWith(`${sub} `)) : lines;
  if (shown.length === 0) {
    io.err(`${name}: no subcommand "${sub}"`);
    for (const line of lines) io.err(`  ${name} ${line}`);
    return EXIT_USAGE;
  }
  io.out("Usage:");
  for (const line of shown) io.out(`  ${name}${line ? ` ${line}` : ""}`);
  io.out("");
  io.out(command.summary);
  return EXIT_OK;
}

async function runLeaf(command: LeafCommand, args: string[], io: CliIo): Promise<number> {
  const refused =
    command.accepts === "none"
      ? args[0]
      : command.accepts === "paths"
        ? args.find((a) => a.startsWith("-"))
        : undefined;
  if (refused !== undefined) {
    const what = refused.startsWith("-") ? "option" : "argument";
    io.err(`resou ${command.name}: unknown ${what} "${refused}"`);
    io.err(`Usage: resou ${command.name}${command.usage ? ` ${command.usage}` : ""}`);
    return EXIT_USAGE;
  }
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
