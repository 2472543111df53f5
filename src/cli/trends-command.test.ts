import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import type { CliIo } from "../command/command.js";
import { COMMANDS } from "./commands.js";
import { route } from "./router.js";

const CAPTURE = fileURLToPath(
  new URL("../../test/fixtures/weibo/lxw-hourly/lxw-2025-08-26-12.json", import.meta.url),
);

describe.each(TEST_DIALECTS)("resou trends on %s", (dialect) => {
  let database: TestDatabase;
  let stdout: string[];
  let io: CliIo;
  const resou = (...argv: string[]) => route("resou", COMMANDS, argv, io);

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    stdout = [];
    io = {
      out: (l) => stdout.push(l),
      err: (l) => stdout.push(l),
      env: { DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema },
    };
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("routes 'trends status' and 'trends import' to the trends CLI", async () => {
    expect(await resou("trends", "status")).toBe(0);
    expect(stdout).toContain("no snapshot stored yet");

    stdout.length = 0;
    expect(await resou("trends", "import", CAPTURE)).toBe(0);
    expect(stdout.at(-1)).toBe("1 imported, 0 rejected");

    stdout.length = 0;
    expect(await resou("trends", "status")).toBe(0);
    expect(stdout.some((l) => l.startsWith("latest snapshot #"))).toBe(true);
  });

  it("passes usage errors through with exit code 2", async () => {
    expect(await resou("trends", "import")).toBe(2);
    expect(stdout.join("\n")).toContain("usage: resou trends import");
  });
});
