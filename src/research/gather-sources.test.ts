import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { loadConfig } from "../config/env.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../content/categories.js";
import { fixedClock } from "../core/clock.js";
import { silentLogger } from "../core/log.js";
import { systemContext } from "../newsroom/audit-log.js";
import { changeSettings } from "../newsroom/settings.js";
import { type ReplayServer, startReplayServer } from "../trends/testing/replay-server.js";
import { gatherSources } from "./gather-sources.js";
import { listProblems, listStorySources } from "./source-store.js";
import type { ResearchDeps } from "./source-types.js";
import { EN_PAGE, enAtom, ZH_PAGE, zhRss } from "./testing/news-fixtures.js";
import { seedLeeTopic } from "./testing/seed-topic.js";

const TITLE_EN = "South Korea's Lee Jae-myung says he is willing to visit China with Trump";

async function newArticle(db: TestDatabase["db"]): Promise<number> {
  const category = await db.selectFrom("category").select("id").executeTakeFirstOrThrow();
  const author = await db
    .insertInto("author")
    .values({ slug: `desk-${Math.random()}`, name: "Desk", kind: "desk", bio: "" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const at = "2025-08-26T06:00:00.000Z";
  const row = await db
    .insertInto("article")
    .values({
      slug: `story-${Math.random().toString(36).slice(2)}`,
      kind: "article",
      headline: "Draft",
      dek: "",
      lead: "",
      sections: "[]",
      category_id: category.id,
      author_id: author.id,
      hashtag: "",
      hashtag_en: "",
      image_url: "",
      image_alt: "",
      status: "draft",
      published_at: null,
      updated_at: at,
      created_at: at,
      time_zone: "Asia/Shanghai",
      word_count: 0,
      is_demo: 0,
      plain_text: "",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const count = async (db: TestDatabase["db"], table: "research_source" | "story_source") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
  const o = server.origin;
  server.script("/feeds/zh-rss.xml", [
    { status: 200, contentType: "application/rss+xml; charset=utf-8", body: zhRss(o) },
  ]);
  server.script("/feeds/en-atom.xml", [
    { status: 200, contentType: "application/atom+xml", body: enAtom(o) },
  ]);
  server.script("/zh/lee-visit.html", [
    { status: 200, contentType: "text/html; charset=utf-8", body: ZH_PAGE },
  ]);
  server.script("/en/lee-china-trump", [{ status: 200, contentType: "text/html", body: EN_PAGE }]);
  for (const path of [
    "/zh/india-tariffs.html",
    "/zh/starbucks.html",
    "/en/india-tariffs",
    "/en/satellites",
  ]) {
    server.script(path, [{ status: 200, contentType: "text/html", body: EN_PAGE }]);
  }
  server.script("/hang", [{ hang: true }]);
  server.script("/big", [
    { status: 200, contentType: "text/html", body: `<p>${"长".repeat(40_000)}</p>` },
  ]);
  server.script("/report.pdf", [{ status: 200, contentType: "application/pdf", body: "%PDF-1.7" }]);
  server.script("/loop-a", [{ redirect: "/loop-b" }]);
  server.script("/loop-b", [{ redirect: "/loop-a" }]);
  server.script("/moved", [{ redirect: "/en/lee-china-trump", status: 301 }]);
});
afterAll(async () => {
  await server.close();
});

describe.each(TEST_DIALECTS)("gatherSources on %s", (dialect) => {
  let database: TestDatabase;
  let deps: ResearchDeps;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await ensureCategories(database.db, DEFAULT_CATEGORIES);
    deps = {
      database,
      clock: fixedClock("2025-08-26T06:00:00Z"),
      log: silentLogger,
      config: loadConfig({
        DEMO_CONTENT: "0",
        RESEARCH_FETCH_ALLOW_LOOPBACK: "true",
        RESEARCH_FETCH_TIMEOUT_MS: "2000",
        RESEARCH_FETCH_MAX_BYTES: "50000",
      }),
    };
    await changeSettings(
      database.db,
      {
        "research.feeds": `${server.origin}/feeds/zh-rss.xml\n${server.origin}/feeds/en-atom.xml`,
      },
      systemContext,
      new Date("2025-08-26T00:00:00Z"),
    );
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("bundles the Weibo topic and the matching Chinese and English feed items, once", async () => {
    const topicId = await seedLeeTopic(database.db, TITLE_EN);
    const articleId = await newArticle(database.db);
    const first = await gatherSources(deps, { articleId, topicId, pastedUrls: [] });
    expect(first.problems).toEqual([]);
    expect(first.sources.map((s) => [s.kind, s.url])).toEqual([
      [
        "weibo_topic",
        `https://s.weibo.com/weibo?q=${encodeURIComponent("#李在明说愿意与特朗普一起访华#")}`,
      ],
      ["feed_item", expect.any(String)],
      ["feed_item", expect.any(String)],
    ]);
    const weibo = first.sources[0];
    const en = first.sources.find((s) => s.url === `${server.origin}/en/lee-china-trump`);
    const zh = first.sources.find((s) => s.url === `${server.origin}/zh/lee-visit.html`);
    // The 13:00 capture's topic-detail fields, dated by that snapshot.
    expect(weibo?.text).toContain("Reads (阅读): 19304000");
    expect(weibo?.text).toContain("Discussions (讨论): 3379");
    expect(weibo?.text).toContain("Category (分类): 时事");
    expect(weibo?.publishedAt).toBe("2025-08-26T05:00:00.000Z");
    expect(weibo?.language).toBe("zh");

    expect(en).toMatchObject({
      outlet: "Harbour Post — Asia",
      language: "en",
      title: "South Korea's Lee Jae-myung says he would visit China with Trump",
      publishedAt: "2025-08-26T02:30:00.000Z",
    });
    expect(en?.text).toContain("willing to visit China together with US President Donald Trump");
    expect(en?.text).not.toMatch(/Advertisement|Most read|Home/);
    expect(zh).toMatchObject({
      outlet: "东方快讯·国际",
      language: "zh",
      publishedAt: "2025-08-26T02:42:00.000Z",
    });
    expect(zh?.text).toContain("他愿意与美国总统特朗普一起访问中国");
    expect(zh?.text).not.toMatch(/广告|相关阅读|首页|dataLayer|分享到/);
    for (const s of first.sources) expect(s.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(server.hits("/zh/india-tariffs.html")).toHaveLength(0);
    expect(server.hits("/en/satellites")).toHaveLength(0);

    const sourcesBefore = await count(database.db, "research_source");
    const second = await gatherSources(deps, { articleId, topicId, pastedUrls: [] });
    expect(second.sources).toEqual(first.sources);
    expect(await count(database.db, "research_source")).toBe(sourcesBefore);
    expect(await count(database.db, "story_source")).toBe(3);

    // Another story on the same topic reuses the same immutable rows.
    const other = await newArticle(database.db);
    const third = await gatherSources(deps, { articleId: other, topicId, pastedUrls: [] });
    expect(third.sources.map((s) => s.id)).toEqual(first.sources.map((s) => s.id));
    expect(await count(database.db, "research_source")).toBe(sourcesBefore);
  });

  it("matches across languages only through the English title and names", async () => {
    const topicId = await seedLeeTopic(database.db, "");
    const articleId = await newArticle(database.db);
    const { sources } = await gatherSources(deps, { articleId, topicId, pastedUrls: [] });
    // Without an English title nothing ties the English items to a Korean name in Chinese.
    expect(sources.map((s) => s.url)).toEqual([
      expect.stringContaining("s.weibo.com"),
      `${server.origin}/zh/lee-visit.html`,
    ]);
  });

  it("records a problem and stores no row for every fetch that fails", async () => {
    const articleId = await newArticle(database.db);
    const o = server.origin;
    const bad = [`${o}/hang`, `${o}/big`, `${o}/report.pdf`, `${o}/loop-a`, "ftp://example.com/x"];
    const result = await gatherSources(deps, {
      articleId,
      topicId: null,
      pastedUrls: [...bad, `${o}/moved`],
    });
    const reasons = Object.fromEntries(result.problems.map((p) => [p.url, p.reason.split(":")[0]]));
    expect(reasons).toEqual({
      [`${o}/hang`]: "timeout",
      [`${o}/big`]: "too_large",
      [`${o}/report.pdf`]: "wrong_content_type",
      [`${o}/loop-a`]: "redirect_loop",
      "ftp://example.com/x": "bad_url",
    });
    // The one good link followed its redirect and is stored under the link the editor gave.
    expect(result.sources.map((s) => [s.kind, s.url])).toEqual([["link", `${o}/moved`]]);
    expect(await count(database.db, "research_source")).toBe(1);
    const recorded = await listProblems(database.db, articleId);
    expect(recorded.map((p) => p.reason).sort()).toEqual([
      "bad_url",
      "redirect_loop",
      "timeout",
      "too_large",
      "wrong_content_type",
    ]);
    expect(recorded.every((p) => p.detail.length > 0)).toBe(true);
  });

  it("refuses loopback addresses unless the configuration allows them", async () => {
    const strict: ResearchDeps = { ...deps, config: loadConfig({ DEMO_CONTENT: "0" }) };
    const articleId = await newArticle(database.db);
    const before = server.hits("/en/lee-china-trump").length;
    const result = await gatherSources(strict, {
      articleId,
      topicId: null,
      pastedUrls: [
        `${server.origin}/en/lee-china-trump`,
        "http://localhost:9/en",
        "http://10.0.0.8/x",
        "http://[::1]:9/x",
      ],
    });
    expect(result.problems.map((p) => p.reason.split(":")[0])).toEqual([
      "forbidden_address",
      "forbidden_address",
      "forbidden_address",
      "forbidden_address",
    ]);
    expect(server.hits("/en/lee-china-trump").length).toBe(before);
    expect(await listStorySources(database.db, articleId)).toEqual([]);
  });
});
