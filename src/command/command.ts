/** Where a command writes; tests pass collectors, the real CLI passes the process streams. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Settings for `loadConfig`; the process environment in the real CLI. */
  env: Record<string, string | undefined>;
}

/** Exit codes: 0 done, 1 the work failed, 2 the command line or configuration is wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A leaf command such as `import`, or a group such as `trends` holding its own commands. */
export type Command = LeafCommand | CommandGroup;

export interface LeafCommand {
  name: string;
  /** One line for `resou help`. */
  summary: string;
  /** Arguments after the name, e.g. `<file|dir>…`. */
  usage?: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export interface CommandGroup {
  name: string;
  summary: string;
  commands: Command[];
}

export function isGroup(command: Command): command is CommandGroup {
  return "commands" in command;
}

/** A group of subcommands, so a capability adds `resou <name> …` with one line. */
export function group(name: string, summary: string, commands: Command[]): CommandGroup {
  return { name, summary, commands };
}

/**
 * Adapts `io.out` to code that writes chunks of text (`write("a\nb")`): whole lines go
 * out as they complete, `flush()` sends a trailing partial line.
 */
export function textOutput(io: CliIo): { write(text: string): void; flush(): void } {
  let pending = "";
  return {
    write(text) {
      const lines = (pending + text).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) io.out(line);
    },
    flush() {
      if (pending) io.out(pending);
      pending = "";
    },
  };
}
