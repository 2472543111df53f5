import { describe, expect, it } from "vitest";
import { type CliIo, group, type LeafCommand } from "../command/command.js";
import { COMMANDS } from "./commands.js";
import { route } from "./router.js";

function collector(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, env: {}, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const calls: string[][] = [];
const leaf = (name: string): LeafCommand => ({
  name,
  summary: `the ${name} command`,
  usage: "[x]",
  async run(args) {
    calls.push([name, ...args]);
    return 0;
  },
});
const tree = [leaf("import"), group("trends", "Trend tracking", [leaf("status"), leaf("import")])];

describe("the resou command router", () => {
  it("runs a top-level command with its arguments", async () => {
    const io = collector();
    expect(await route("resou", tree, ["import", "a.md", "b"], io)).toBe(0);
    expect(calls.at(-1)).toEqual(["import", "a.md", "b"]);
  });

  it("walks into a group, so capabilities add subcommands with one line", async () => {
    expect(await route("resou", tree, ["trends", "import", "--since", "1h"], collector())).toBe(0);
    expect(calls.at(-1)).toEqual(["import", "--since", "1h"]);
    expect(await route("resou", tree, ["trends", "status"], collector())).toBe(0);
    expect(calls.at(-1)).toEqual(["status"]);
  });

  it("prints help at every level and for one command", async () => {
    const top = collector();
    expect(await route("resou", COMMANDS, ["help"], top)).toBe(0);
    const text = top.stdout.join("\n");
    expect(text).toContain("resou import <file|dir>…");
    expect(text).toContain("resou migrate");
    expect(text).toContain("resou help [command]");

    const nested = collector();
    expect(await route("resou", tree, ["trends", "--help"], nested)).toBe(0);
    expect(nested.stdout.join("\n")).toContain("resou trends status [x]");

    const bare = collector();
    expect(await route("resou", tree, [], bare)).toBe(0);
    expect(bare.stdout.join("\n")).toContain("resou trends <command>…");
  });

  it("rejects an unknown command with usage and exit code 2", async () => {
    const io = collector();
    expect(await route("resou", tree, ["trends", "frobnicate"], io)).toBe(2);
    expect(io.stderr[0]).toBe('resou trends: unknown command "frobnicate"');
    expect(await route("resou", tree, ["trends"], collector())).toBe(2);
  });

  it("turns a crash into exit code 1 with the message on stderr", async () => {
    const boom: LeafCommand = {
      name: "boom",
      summary: "fails",
      run: () => Promise.reject(new Error("kaput")),
    };
    const io = collector();
    expect(await route("resou", [boom], ["boom"], io)).toBe(1);
    expect(io.stderr.join("\n")).toContain("kaput");
  });
});
