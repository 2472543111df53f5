import { describe, expect, it } from "vitest";
import type { CliIo } from "../command/command.js";
import { checkCommand } from "./check-command.js";

function io(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), env: {} };
}

describe("resou check", () => {
  it("exits 1 and prints the flags when an error is raised", async () => {
    const out = io();
    expect(
      await checkCommand.run(
        ["test/fixtures/check-cases/reference-trump-kim-2025-08-26.json"],
        out,
      ),
    ).toBe(1);
    expect(
      out.lines.some(
        (l) => l.startsWith("ERROR title") && l.includes("former President Donald Trump"),
      ),
    ).toBe(true);
    expect(out.lines.at(-1)).toMatch(/flag\(s\), \d+ error\(s\), 6 source\(s\)/);
  });
  it("exits 0 on a clean story", async () => {
    const out = io();
    expect(await checkCommand.run(["test/fixtures/check-cases/lee-2025-clean.json"], out)).toBe(0);
    expect(out.lines.at(-1)).toBe("0 flag(s), 0 error(s), 3 source(s)");
  });
  it("exits 2 on bad usage or an unreadable file", async () => {
    expect(await checkCommand.run([], io())).toBe(2);
    const out = io();
    expect(await checkCommand.run(["does-not-exist.json"], out)).toBe(2);
    expect(out.errors[0]).toContain("cannot read");
  });
});
