import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DIALECTS } from "../../../test/support/test-database.js";
import { createApp } from "../../app/create-app.js";
import { loadConfig } from "../../config/env.js";
import { fixedClock } from "../../core/clock.js";
import { AppError } from "../../core/errors.js";
import { silentLogger } from "../../core/log.js";
import type { Database } from "../../db/database.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../categories.js";
import { importArticles } from "./import-articles.js";

const CONTEXT = {
  now: new Date("2025-08-27T04:00:00Z"),
  deskByline: "Resou Desk",
  timeZone: "Asia/Shanghai",
};

/** A Markdown article; `front` lines replace or extend the default front matter. */
function markdown(front: Record<string, string> = {}, body?: string): string {
  const fields: Record<string, string> = {
    title: '"A test headline"',
    date: "2025-08-26",
    category: '"News & Politics"',
    ...front,
  };
  const yaml = Object.entries(fields)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
  return `---\n${yaml}\n---\n\n${body ?? "A lead paragraph.\n\n## What happened\n\nSome text."}\n`;
}

async function rowCounts(database: Database) {
  const count = async (table: "article" | "author" | "tag" | "article_tag") => {
    const row = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  return {
    article: await count("article"),
    author: await count("author"),
    tag: await count("tag"),
    articleTag: await count("article_tag"),
  };
}

/** Runs the import and returns the error it must throw. */
async function importError(database: Database, paths: string[]): Promise<AppError> {
  const error = await importArticles(database, paths, CONTEXT).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const problems = (error: AppError) =>
  (error.details.fields ?? []).map((p) => `${"file" in p ? p.file : ""}: ${p.field}`);

describe.each(TEST_DIALECTS)("importing articles on %s", (dialect) => {
  let database: Database;
  let dir: string;
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await ensureCategories(database.db, DEFAULT_CATEGORIES);
    dir = mkdtempSync(join(tmpdir(), "resou-import-"));
  });
  afterEach(async () => {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is idempotent by slug: a second import changes nothing", async () => {
    write("first-story.md", markdown({ tags: '["Weather", "Transport"]' }));
    write("second-story.md", markdown({ title: '"Another one"', byline: '"Ada Wu"' }));
    const first = await importArticles(database, [dir], CONTEXT);
    expect(first.results.map((r) => [r.slug, r.outcome])).toEqual([
      ["first-story", "created"],
      ["second-story", "created"],
    ]);
    const before = await rowCounts(database);
    const stored = await database.db.selectFrom("article").selectAll().orderBy("id").execute();

    const later = { ...CONTEXT, now: new Date("2025-09-01T00:00:00Z") };
    const again = await importArticles(database, [dir], later);
    expect(again.results.map((r) => r.outcome)).toEqual(["unchanged", "unchanged"]);
    expect(await rowCounts(database)).toEqual(before);
    expect(await database.db.selectFrom("article").selectAll().orderBy("id").execute()).toEqual(
      stored,
    );
  });

  it("updates the stored article when the file changes", async () => {
    const file = write("changing-story.md", markdown());
    await importArticles(database, [file], CONTEXT);
    write("changing-story.md", markdown({ title: '"A reworded headline"', tags: "[Weather]" }));
    const later = { ...CONTEXT, now: new Date("2025-08-28T00:00:00Z") };
    const report = await importArticles(database, [file], later);
    expect(report.results).toMatchObject([{ slug: "changing-story", outcome: "updated" }]);
    const rows = await database.db.selectFrom("article").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.headline).toBe("A reworded headline");
    expect(rows[0]?.updated_at).toBe("2025-08-28T00:00:00.000Z");
    const tags = await database.db.selectFrom("tag").select("name").execute();
    expect(tags.map((t) => t.name)).toEqual(["Weather"]);
  });

  it("rejects malformed or missing front matter, naming the file", async () => {
    const broken = write("broken.md", '---\ntitle: "unclosed\ncategory: [Society\n---\n\nText.\n');
    const error = await importError(database, [broken]);
    expect(error.id).toBe("validation_failed");
    expect(problems(error)).toEqual([`${broken}: (file)`]);
    expect(error.message).toContain("front matter is not valid YAML");

    const bare = write("bare.md", "Just some text with no front matter.\n");
    const second = await importError(database, [bare]);
    expect(second.message).toContain(`${bare}: (file): front matter missing`);

    const list = write("list.md", "---\n- a\n- b\n---\n\nText.\n");
    expect((await importError(database, [list])).message).toContain("must be a mapping");
  });

  it("reports missing and overlong fields by name", async () => {
    const missing = write("missing.md", markdown({ title: "", category: "" }));
    const long = write("long.md", markdown({ title: JSON.stringify("x".repeat(201)) }));
    const error = await importError(database, [dir]);
    expect(problems(error)).toEqual([
      `${long}: headline`,
      `${missing}: headline`,
      `${missing}: category`,
    ]);
    expect(error.message).toContain(`${long}: headline: must be at most 200 characters`);
    expect(error.message).toContain(`${missing}: category: is required`);
    expect(await rowCounts(database)).toMatchObject({ article: 0 });
  });

  it("rejects two articles with the same slug in one batch", async () => {
    write("a.md", markdown({ slug: "same-slug" }));
    const b = write("b.md", markdown({ slug: "same-slug", title: '"Other"' }));
    const error = await importError(database, [dir]);
    expect(problems(error)).toEqual([`${b}: slug`]);
    expect(error.message).toContain('duplicate slug "same-slug"');
  });

  it("rejects an unknown category and lists the known ones", async () => {
    const file = write("weather.md", markdown({ category: "Weather" }));
    const error = await importError(database, [file]);
    expect(problems(error)).toEqual([`${file}: category`]);
    expect(error.message).toContain('unknown category "Weather"; known: News & Politics');
  });

  it("writes nothing when one file in the batch is bad", async () => {
    write("0-existing.md", markdown());
    await importArticles(database, [dir], CONTEXT);
    const before = await rowCounts(database);
    write("1-good.md", markdown({ byline: '"New Person"', tags: '["Fresh tag"]' }));
    write("0-existing.md", markdown({ title: '"Changed headline"' }));
    write("2-bad.md", markdown({ status: "maybe" }));
    const error = await importError(database, [dir]);
    expect(problems(error)).toEqual([`${join(dir, "2-bad.md")}: status`]);
    expect(await rowCounts(database)).toEqual(before);
    const row = await database.db.selectFrom("article").select("headline").executeTakeFirst();
    expect(row?.headline).toBe("A test headline");
  });

  it("stores HTML and script as text and renders it escaped, never executed", async () => {
    mkdirSync(join(dir, "x"));
    const hostile = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">';
    write(
      "x/hostile.md",
      markdown(
        {
          title: JSON.stringify(`Headline ${hostile}`),
          dek: JSON.stringify(`Dek ${hostile}`),
          byline: JSON.stringify("Eve <b>Bold</b>"),
          tags: JSON.stringify([`<i>tag</i>`]),
        },
        `Lead ${hostile}\n\n## Heading <script>window.pwned = 3</script>\n\n[link](javascript:window.pwned=4) ${hostile}`,
      ),
    );
    await importArticles(database, [join(dir, "x")], CONTEXT);
    const config = loadConfig({});
    const app = createApp({
      database,
      config,
      clock: fixedClock("2025-08-27T04:00:00Z"),
      log: silentLogger,
    });
    const res = await app.request("/news/hostile");
    expect(res.status).toBe(200);
    const html = await res.text();
    const { window } = new JSDOM(html, { runScripts: "dangerously" });
    const doc = window.document;
    expect(Reflect.get(window, "pwned")).toBeUndefined();
    expect(doc.querySelector("h1")?.textContent).toBe(`Headline ${hostile}`);
    expect(doc.querySelector(".dek")?.textContent).toBe(`Dek ${hostile}`);
    expect(doc.querySelector(".byline a")?.textContent).toBe("Eve <b>Bold</b>");
    expect(doc.querySelector(".lead")?.textContent).toContain("<script>window.pwned = 1</script>");
    expect(doc.querySelector(".article-body h2")?.textContent).toContain("<script>");
    // Only the site's own script and JSON-LD blocks exist; no handler attributes anywhere.
    for (const script of doc.querySelectorAll("script")) {
      expect(script.getAttribute("src") ?? script.getAttribute("type")).toMatch(
        /^(\/assets\/.+\.js|application\/ld\+json)$/,
      );
    }
    expect(doc.querySelector("main img, [onerror], a[href^='javascript:']")).toBeNull();
    for (const block of doc.querySelectorAll('script[type="application/ld+json"]')) {
      expect(() => JSON.parse(block.textContent ?? "")).not.toThrow();
    }
  });
});
