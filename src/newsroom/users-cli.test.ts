import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { verifyPassword } from "./auth/password-hash.js";
import { usersCli } from "./users-cli.js";

async function* lines(text: string) {
  yield `${text}\n`;
}

describe.each(TEST_DIALECTS)("resou users CLI on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("creates the first admin with the password from stdin, and lists users", async () => {
    let output = "";
    const out = { write: (t: string) => (output += t) };
    const code = await usersCli(
      database,
      ["create", "--role", "admin", "--email", "Chief@Resou.example", "--password-stdin"],
      out,
      lines("a very long passphrase"),
    );
    expect(code).toBe(0);
    expect(output).toMatch(/created admin chief@resou.example/);
    const row = await database.db.selectFrom("newsroom_user").selectAll().executeTakeFirstOrThrow();
    expect(await verifyPassword("a very long passphrase", row.password_hash)).toBe(true);
    output = "";
    expect(await usersCli(database, ["list"], out)).toBe(0);
    expect(output).toContain("chief@resou.example\tadmin\tactive");
  }, 20_000);

  it("explains bad input and refuses to demote the last admin", async () => {
    let output = "";
    const out = { write: (t: string) => (output += t) };
    expect(
      await usersCli(
        database,
        ["create", "--role", "boss", "--email", "x@resou.example", "--password-stdin"],
        out,
        lines("pw"),
      ),
    ).toBe(1);
    expect(output).toMatch(/--role must be one of/);
    output = "";
    expect(
      await usersCli(
        database,
        ["create", "--role", "admin", "--email", "x@resou.example", "--password-stdin"],
        out,
        lines("short"),
      ),
    ).toBe(1);
    expect(output).toMatch(/password: must be at least 12/);
    await usersCli(
      database,
      ["create", "--role", "admin", "--email", "x@resou.example", "--password-stdin"],
      out,
      lines("long enough passphrase"),
    );
    output = "";
    expect(
      await usersCli(database, ["set-role", "--email", "x@resou.example", "--role", "writer"], out),
    ).toBe(1);
    expect(output).toMatch(/last admin/);
    expect(await usersCli(database, ["frobnicate"], out)).toBe(2);
  }, 20_000);
});
