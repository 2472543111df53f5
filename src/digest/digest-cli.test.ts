import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIXTURE_DAY, storeFixtureDay } from "../../test/support/digest-fixtures.js";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { loadConfig } from "../config/env.js";
import { fixedClock } from "../core/clock.js";
import { type DigestCliContext, runDigestPreview, runDigestSend } from "./digest-cli.js";

describe.each(TEST_DIALECTS)("resou digest preview on %s", (dialect) => {
  let database: TestDatabase;
  let out: string[];
  let err: string[];
  let ctx: DigestCliContext;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await storeFixtureDay(database);
    out = [];
    err = [];
    ctx = {
      database,
      config: loadConfig({ SITE_URL: "https://resou.example" }),
      clock: fixedClock("2025-08-27T01:00:00Z"),
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    };
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("prints the issue as text and as HTML", async () => {
    expect(await runDigestPreview(ctx, ["--date", FIXTURE_DAY])).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("Resou daily digest: Tuesday 26 August 2025");
    expect(text).toContain("TOP OF THE LIST");
    expect(text).toMatch(/1\. .+\n {3}peak #1 at \d\d:\d\d/);
    expect(text).toContain("from the 22 hot-search captures");
    out.length = 0;
    expect(await runDigestPreview(ctx, ["--date", FIXTURE_DAY, "--format", "html"])).toBe(0);
    expect(out.join("\n")).toMatch(/^<!DOCTYPE html><html lang="en">/);
  });

  it("refuses a bad date and says SMTP is missing for a test send", async () => {
    expect(await runDigestPreview(ctx, ["--date", "2025-02-30"])).toBe(2);
    expect(await runDigestSend(ctx, ["--date", FIXTURE_DAY, "--to", "me@example.com"])).toBe(2);
    expect(err.join("\n")).toContain("SMTP_URL is not set");
  });
});
