import type { CliIo } from "../../src/command/command.js";

/** A CLI io that keeps what a command prints, for tests; `env` is all the command sees. */
export function captureCliIo(env: Record<string, string>): {
  io: CliIo;
  stdout: string[];
  stderr: string[];
} {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    io: { out: (l) => stdout.push(l), err: (l) => stderr.push(l), env },
    stdout,
    stderr,
  };
}

/** The settings that point a CLI command at a test database, quietly. */
export const testDatabaseEnv = (database: { url: string; schema: string }) => ({
  DATABASE_URL: database.url,
  DATABASE_SCHEMA: database.schema,
  LOG_LEVEL: "silent",
});
