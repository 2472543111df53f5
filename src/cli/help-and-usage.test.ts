import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CliIo, type Command, isGroup } from "../command/command.js";
import { COMMANDS } from "./commands.js";
import { route } from "./router.js";

/** Issue 14: the CLI's help and exit codes as the README states them (2 = bad usage). */
const dir = mkdtempSync(join(tmpdir(), "resou-cli-help-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { DATABASE_URL: `sqlite:${join(dir, "resou.db")}`, LOG_LEVEL: "silent" },
  };
  const code = await route("resou", COMMANDS, argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Every runnable command path, `["trends", "import"]` and the like. */
function leaves(commands: Command[], prefix: string[] = []): string[][] {
  return commands.flatMap((c) =>
    isGroup(c) ? leaves(c.commands, [...prefix, c.name]) : [[...prefix, c.name]],
  );
}

describe("resou help", () => {
  it("prints a command's usage once, under its own name", async () => {
    const users = await run(["help", "users"]);
    expect(users.code).toBe(0);
    expect(users.out).toContain("resou users create --role");
    expect(users.out).not.toContain("users users");
    const imported = await run(["help", "import"]);
    expect(imported.out).toContain("resou import <file|dir>");
    expect(imported.out).not.toContain("import import");
  });

  it("answers `resou users help create` and `--help` after a command with exit 0", async () => {
    const create = await run(["users", "help", "create"]);
    expect(create.code).toBe(0);
    expect(create.out).toContain("resou users create --role admin|editor|writer");
    expect(create.out).not.toContain("resou users reset-password");
    for (const argv of [
      ["users", "--help"],
      ["import", "-h"],
      ["trends", "help"],
    ]) {
      expect((await run(argv)).code).toBe(0);
    }
  });

  it("exits 2 on help for a command that does not exist", async () => {
    expect((await run(["help", "nope"])).code).toBe(2);
    expect((await run(["users", "help", "nope"])).code).toBe(2);
  });
});

describe("bad usage", () => {
  it.each(leaves(COMMANDS).map((path) => [path.join(" "), path]))(
    "`resou %s --no-such-option` exits 2 with a message, no stack",
    async (_name, path) => {
      const result = await run([...(path as string[]), "--no-such-option"]);
      expect(result.code).toBe(2);
      expect(`${result.out}\n${result.err}`).not.toMatch(/\n\s+at /);
    },
  );

  it("exits 2 on an unknown command at either level", async () => {
    expect((await run(["nope"])).code).toBe(2);
    expect((await run(["trends", "nope"])).code).toBe(2);
    expect((await run(["users", "nope"])).code).toBe(2);
  });
});
