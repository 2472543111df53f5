import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureCliIo, testDatabaseEnv } from "../../test/support/cli-io.js";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import type { CliIo } from "../command/command.js";
import { loadRelatedList } from "../related/related-store.js";
import { COMMANDS } from "./commands.js";
import { route } from "./router.js";

const FIXTURES = fileURLToPath(
  new URL("../../test/fixtures/articles/news-2025-08", import.meta.url),
);

describe.each(TEST_DIALECTS)("resou import and migrate on %s", (dialect) => {
  let database: TestDatabase;
  let dir: string;
  let stdout: string[];
  let stderr: string[];
  let io: CliIo;
  const resou = (...argv: string[]) => route("resou", COMMANDS, argv, io);
  const count = async () =>
    Number(
      (
        await database.db
          .selectFrom("article")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst()
      )?.n ?? 0,
    );

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), "resou-cli-"));
    ({ io, stdout, stderr } = captureCliIo(testDatabaseEnv(database)));
  });
  afterEach(async () => {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("leaves every changed article's related list current when it returns", async () => {
    expect(await resou("import", FIXTURES)).toBe(0);
    const flood = await database.db
      .selectFrom("article")
      .select("id")
      .where("slug", "=", "flood-defence-budget")
      .executeTakeFirstOrThrow();
    // Its category holds two more articles: the list is never shorter than that.
    expect((await loadRelatedList(database.db, flood.id)).length).toBeGreaterThanOrEqual(2);

    writeFileSync(
      join(dir, "flood-defence-vote.md"),
      [
        "---",
        'title: "Council Approves the Larger Flood Defence Budget for Pumps and Sea Walls"',
        "date: 2025-08-27T18:00+08:00",
        'category: "News & Politics"',
        'tags: ["Budgets"]',
        "---",
        "",
        "Councillors voted to double spending on flood defence pumps and sea walls after the budget debate.",
        "",
      ].join("\n"),
    );
    expect(await resou("import", join(dir, "flood-defence-vote.md"))).toBe(0);
    expect(stdout.at(-1)).toMatch(/^Updated \d+ related-article list\(s\)\.$/);
    const vote = await database.db
      .selectFrom("article")
      .select("id")
      .where("slug", "=", "flood-defence-vote")
      .executeTakeFirstOrThrow();
    const after = await loadRelatedList(database.db, flood.id);
    expect(after[0]).toMatchObject({ id: vote.id, fill: false });
    expect(new Set(after.map((r) => r.id)).size).toBe(after.length);
    const own = await loadRelatedList(database.db, vote.id);
    expect(own[0]).toMatchObject({ id: flood.id, fill: false });
  });

  it("migrates an already migrated database without error", async () => {
    expect(await resou("migrate")).toBe(0);
    expect(stdout.at(-1)).toMatch(/already at the latest schema/);
  });

  it("prints created, then unchanged, then updated per file", async () => {
    expect(await resou("import", FIXTURES)).toBe(0);
    expect(stdout.filter((l) => l.startsWith("created "))).toHaveLength(4);
    expect(stdout).toContain(
      `created   ${join(FIXTURES, "harbour-ferry-timetable.md")} (harbour-ferry-timetable)`,
    );
    expect(stdout).toContain("Imported 4 article(s): 4 created, 0 updated, 0 unchanged.");

    stdout.length = 0;
    const file = join(dir, "cli-story.md");
    writeFileSync(file, "---\ntitle: One\ncategory: Sports\nextra: 1\n---\n\nText.\n");
    expect(await resou("import", FIXTURES, file)).toBe(0);
    expect(stdout).toContain("Imported 5 article(s): 1 created, 0 updated, 4 unchanged.");
    expect(stderr).toEqual([`warning: ${file}: ignored unknown key "extra"`]);

    stdout.length = 0;
    writeFileSync(file, "---\ntitle: Two\ncategory: Sports\n---\n\nText.\n");
    expect(await resou("import", file)).toBe(0);
    expect(stdout).toEqual([
      `updated   ${file} (cli-story)`,
      "Imported 1 article(s): 0 created, 1 updated, 0 unchanged.",
      expect.stringMatching(/^Updated \d+ related-article list\(s\)\.$/),
    ]);
    expect(await count()).toBe(5);
  });

  it("prints every problem as file: field: message, exits 1 and writes nothing", async () => {
    const bad = join(dir, "bad.md");
    const worse = join(dir, "worse.md");
    writeFileSync(bad, "---\ntitle: Fine\ncategory: Weather\n---\n\nText.\n");
    writeFileSync(worse, `---\ntitle: "${"x".repeat(201)}"\n---\n\nText.\n`);
    expect(await resou("import", FIXTURES, dir)).toBe(1);
    expect(stderr).toContain(`${worse}: headline: must be at most 200 characters`);
    expect(stderr).toContain(`${worse}: category: is required`);
    expect(stderr.some((l) => l.startsWith(`${bad}: category: unknown category "Weather"`))).toBe(
      true,
    );
    expect(stderr.at(-1)).toBe("Import failed (3 problem(s)); nothing was written.");
    expect(await count()).toBe(0);
  });

  it("explains a missing path and a missing argument", async () => {
    expect(await resou("import", join(dir, "nope"))).toBe(1);
    expect(stderr[0]).toMatch(/^Cannot read .*nope/);
    expect(await resou("import")).toBe(2);
  });

  it("lists every bad setting and exits 2", async () => {
    io.env = { DATABASE_URL: "mysql://x", PORT: "-1" };
    expect(await resou("migrate")).toBe(2);
    const text = stderr.join("\n");
    expect(text).toContain("DATABASE_URL");
    expect(text).toContain("PORT");
  });
});
