import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DIALECTS } from "../../../test/support/test-database.js";
import { AppError } from "../../core/errors.js";
import type { Database } from "../../db/database.js";
import { articleInput } from "../article-input.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../categories.js";
import { parseMarkdownDocument } from "./article-document.js";
import { importArticles } from "./import-articles.js";

const CONTEXT = {
  now: new Date("2025-08-27T04:00:00Z"),
  deskByline: "Resou Desk",
  timeZone: "Asia/Shanghai",
};

const article = (front: string) =>
  `---\ntitle: A headline\ncategory: Society\n${front}\n---\n\nA lead paragraph.\n`;

/** Issue 12, findings 1 and 8: values that used to be accepted (or crash) at import. */
describe.each(TEST_DIALECTS)("hostile import input on %s", (dialect) => {
  let database: Database;
  let dir: string;
  const write = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const count = async () =>
    Number(
      (
        await database.db
          .selectFrom("article")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  const failure = async (paths: string[]) => {
    const error = await importArticles(database, paths, CONTEXT).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(await count()).toBe(0);
    return (error as AppError).message;
  };

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await ensureCategories(database.db, DEFAULT_CATEGORIES);
    dir = mkdtempSync(join(tmpdir(), "resou-hostile-import-"));
  });
  afterEach(async () => {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("rejects an unknown time zone, with and without a date", async () => {
    const plain = write("zone.md", article('time_zone: "Not/AZone"'));
    expect(await failure([plain])).toContain(`${plain}: time_zone: unknown time zone "Not/AZone"`);
    const dated = write("dated.md", article('time_zone: "Not/AZone"\ndate: 2026-02-03'));
    expect(await failure([dated])).toContain(`${dated}: time_zone: unknown time zone`);
  });

  it("rejects impossible calendar dates instead of rolling them over", async () => {
    const file = write("feb.md", article("date: 2026-02-30"));
    expect(await failure([file])).toContain(`${file}: published_at: is not a real calendar date`);
    const time = write("time.md", article("updated: 2026-01-01T25:61"));
    expect(await failure([time])).toContain(`${time}: updated_at: is not a real calendar date`);
  });

  it("rejects invalid UTF-8 in Markdown and JSON files", async () => {
    const bytes = Buffer.concat([
      Buffer.from(article("byline: Ann").replace("A lead", "A \u00e9 lead")),
    ]);
    const bad = Buffer.from(bytes);
    bad[bad.indexOf(0xc3)] = 0xff;
    const md = write("bad-utf8.md", bad);
    expect(await failure([md])).toContain(`${md}: (file): is not valid UTF-8`);
    const json = write(
      "bad-utf8.json",
      Buffer.concat([
        Buffer.from('{"title":"x'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('","category":"Society","body":"Text."}'),
      ]),
    );
    expect(await failure([json])).toContain(`${json}: (file): is not valid UTF-8`);
  });

  it("warns about __proto__ and constructor like any unknown key, and pollutes nothing", async () => {
    const file = write(
      "proto.md",
      article('__proto__:\n  polluted: "yes"\nconstructor: x\nprototype: y'),
    );
    const report = await importArticles(database, [file], CONTEXT);
    expect(report.warnings).toEqual([
      `${file}: ignored unknown key "__proto__"`,
      `${file}: ignored unknown key "constructor"`,
      `${file}: ignored unknown key "prototype"`,
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const json = write(
      "proto.json",
      '{"__proto__":{"polluted":"yes"},"constructor":1,"title":"J","category":"Society","body":"Text."}',
    );
    const second = await importArticles(database, [json], CONTEXT);
    expect(second.warnings).toEqual([
      `${json}: ignored unknown key "__proto__"`,
      `${json}: ignored unknown key "constructor"`,
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("the article input schema at every writer", () => {
  const base = { slug: "s", headline: "H", category: "Society", lead: "x" };
  it("refuses an unknown zone and accepts a real one", () => {
    expect(articleInput.safeParse({ ...base, time_zone: "Not/AZone" }).success).toBe(false);
    expect(articleInput.safeParse({ ...base, time_zone: "Europe/Paris" }).success).toBe(true);
  });
  it("keys named like Object.prototype members map to nothing", () => {
    const parsed = parseMarkdownDocument("---\ntoString: x\nhasOwnProperty: y\n---\n\nText.\n");
    expect(parsed.ignoredKeys).toEqual(["toString", "hasOwnProperty"]);
  });
});
