import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { silentLogger } from "../core/log.js";
import { ingestCapture } from "../trends/testing/ingest-capture.js";
import { mWeiboCnCaptures } from "../trends/testing/weibo-fixtures.js";
import { setTopicTitleEn } from "../trends/topic-store.js";
import {
  type ChatReplayServer,
  type RecordedChatRequest,
  startChatReplayServer,
} from "./testing/chat-replay-server.js";
import { recordedAnswer } from "./testing/chat-shapes.js";
import { untitledOnList } from "./topic-titles.js";
import { TOPIC_TITLES_JOB, topicTitlesJobHandlers, topicTitlesTask } from "./topic-titles-task.js";

/** The topics a titling request asked about, read back from its prompt. */
function askedIds(request: RecordedChatRequest): number[] {
  const user = request.body.messages?.find((m) => m.role === "user")?.content ?? "";
  const list = JSON.parse(user.slice(user.indexOf("["), user.indexOf("]\n") + 1)) as {
    id: number;
    zh: string;
  }[];
  expect(list.every((t) => t.zh.length > 0)).toBe(true);
  return list.map((t) => t.id);
}

const titles = (ids: number[]) =>
  JSON.stringify({ titles: ids.map((id) => ({ id, en: `"Topic ${id} in English"` })) });

describe.each(TEST_DIALECTS)("English titles for the hot-search list on %s", (dialect) => {
  let site: SiteHarness;
  let server: ChatReplayServer | undefined;

  beforeEach(async () => {
    site = await createSiteHarness(dialect, "2025-08-26T09:00:00Z");
    for (const capture of mWeiboCnCaptures()) await ingestCapture(site.database, capture.body);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await site.destroy();
  });

  function depsFor(url: string, model: string) {
    return {
      ...site.deps,
      config: {
        ...site.deps.config,
        LLM_PROVIDER: "openai" as const,
        LLM_BASE_URL: url,
        LLM_MODEL: model,
      },
      log: silentLogger,
    };
  }

  it("titles every topic on the list in batches, once, marked as machine translation (OpenAI dialect)", async () => {
    const onList = await untitledOnList(site.database.db);
    expect(onList.length).toBeGreaterThan(25);
    const editor = onList[0];
    if (!editor) throw new Error("no topics");
    await setTopicTitleEn(site.database.db, editor.id, "Editor's own title", site.clock.now());

    server = await startChatReplayServer((request) =>
      recordedAnswer("openai", titles(askedIds(request))),
    );
    const deps = depsFor(server.url, "gpt-4o-mini");
    // The scheduler queues one job however often it ticks.
    const task = topicTitlesTask(deps);
    await task.run();
    await task.run();
    const jobs = await site.database.db
      .selectFrom("job")
      .select(["kind", "status"])
      .where("kind", "=", TOPIC_TITLES_JOB)
      .execute();
    expect(jobs).toEqual([{ kind: TOPIC_TITLES_JOB, status: "queued" }]);

    const handler = topicTitlesJobHandlers(deps)[TOPIC_TITLES_JOB];
    if (!handler) throw new Error("no handler");
    await handler({}, { jobId: 1, attempt: 1 });

    const asked = server.requests.flatMap(askedIds);
    expect(server.requests.length).toBe(Math.ceil(asked.length / 25));
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked).not.toContain(editor.id);
    expect(server.requests[0]?.body.response_format?.json_schema?.name).toBe("topic_titles");

    const rows = await site.database.db
      .selectFrom("trend_topic")
      .select(["id", "title_en", "title_en_machine", "title_en_model", "state"])
      .execute();
    for (const row of rows) {
      if (row.id === editor.id) {
        expect(row).toMatchObject({ title_en: "Editor's own title", title_en_machine: 0 });
      } else if (row.state === "gone") {
        expect(row.title_en).toBe("");
      } else {
        // Quotes the model added are stripped; the model is recorded.
        expect(row).toMatchObject({
          title_en: `Topic ${row.id} in English`,
          title_en_machine: 1,
          title_en_model: "gpt-4o-mini-2024-07-18",
        });
      }
    }

    // Idempotent: nothing left to send, and the scheduler queues nothing more.
    const before = server.requests.length;
    await handler({}, { jobId: 1, attempt: 2 });
    expect(server.requests.length).toBe(before);
    expect(await untitledOnList(site.database.db)).toEqual([]);

    // Pages show the Chinese with the English and the marker; the editor's title has none.
    const trends = await (await site.request("/trends")).text();
    const machine = rows.find((r) => r.state !== "gone" && r.id !== editor.id);
    if (!machine) throw new Error("no machine-titled topic");
    expect(trends).toContain(`Topic ${machine.id} in English`);
    expect(trends).toContain("machine-translated");
    expect(trends).toContain("Machine translation by gpt-4o-mini-2024-07-18");
    const topicPage = await (await site.request(`/trends/topic/${machine.id}`)).text();
    expect(topicPage).toContain(`Topic ${machine.id} in English`);
    expect(topicPage).toContain("machine-translated");
    const editorPage = await (await site.request(`/trends/topic/${editor.id}`)).text();
    expect(editorPage).toContain("Editor&#39;s own title");
    expect(editorPage).not.toContain("machine-translated");
    await site.publish({});
    const home = await (await site.request("/")).text();
    expect(home).toContain("machine-translated");
  });

  it("falls back to json_object on DeepSeek, ignores ids it was not asked about and retries skipped ones", async () => {
    let skipped: number | undefined;
    server = await startChatReplayServer((request, index) => {
      if (index === 0) return recordedAnswer("deepseek-json-schema-unsupported");
      const ids = askedIds(request);
      if (skipped === undefined) {
        skipped = ids[ids.length - 1];
        // Skips one topic and invents another id: neither may be written.
        return recordedAnswer("deepseek", titles([...ids.slice(0, -1), 999_999]));
      }
      return recordedAnswer("deepseek", titles(ids));
    });
    const deps = depsFor(server.url, "deepseek-chat");
    const handler = topicTitlesJobHandlers(deps)[TOPIC_TITLES_JOB];
    if (!handler) throw new Error("no handler");
    await handler({}, { jobId: 1, attempt: 1 });

    expect(server.requests[1]?.body.response_format).toEqual({ type: "json_object" });
    expect(server.requests[1]?.body.messages?.[0]?.content.toLowerCase()).toContain("json");
    if (skipped === undefined) throw new Error("nothing asked");
    const left = await untitledOnList(site.database.db);
    expect(left.map((t) => t.id)).toEqual([skipped]);
    expect(
      await site.database.db
        .selectFrom("trend_topic")
        .select("id")
        .where("id", "=", 999_999)
        .executeTakeFirst(),
    ).toBeUndefined();

    const before = server.requests.length;
    await handler({}, { jobId: 2, attempt: 1 });
    expect(server.requests.slice(before).flatMap(askedIds)).toEqual([skipped]);
    expect(await untitledOnList(site.database.db)).toEqual([]);
    const row = await site.database.db
      .selectFrom("trend_topic")
      .select(["title_en_machine", "title_en_model"])
      .where("id", "=", skipped)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ title_en_machine: 1, title_en_model: "deepseek-chat" });
  });

  it("does nothing without a provider", async () => {
    await topicTitlesTask(site.deps).run();
    const jobs = await site.database.db.selectFrom("job").select("id").execute();
    expect(jobs).toEqual([]);
    const handler = topicTitlesJobHandlers(site.deps)[TOPIC_TITLES_JOB];
    await handler?.({}, { jobId: 1, attempt: 1 });
    expect((await untitledOnList(site.database.db)).length).toBeGreaterThan(0);
  });
});
