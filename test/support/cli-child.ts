import { COMMANDS } from "../../src/cli/commands.js";
import { route } from "../../src/cli/router.js";

/**
 * Runs several `resou` command lines in one process and prints each exit code and stderr
 * as JSON: tests that must run the CLI as another user (see database-faults.test.ts) pay
 * for one process start instead of one per case. Argument: JSON `[{ args, env }]`.
 */
const runs = JSON.parse(process.argv[2] ?? "[]") as {
  args: string[];
  env: Record<string, string>;
}[];
const results: { code: number; stderr: string[] }[] = [];
for (const run of runs) {
  const stderr: string[] = [];
  const code = await route("resou", COMMANDS, run.args, {
    out: () => undefined,
    err: (line) => stderr.push(line),
    env: run.env,
  });
  results.push({ code, stderr });
}
process.stdout.write(JSON.stringify(results));
