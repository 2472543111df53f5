import { type Kysely, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Client,
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../test/support/newsroom-harness.js";
import { createDraft, STORY } from "../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { ensureCategories } from "../content/categories.js";
import { importArticles } from "../content/import/import-articles.js";
import type { Tables } from "../db/schema.js";
import { publishDue } from "../newsroom/commands/publish-commands.js";
import { newsroomDeps } from "../newsroom/newsroom-deps.js";
import { saveRelatedLists } from "../related/related-store.js";
import { ingestCapture } from "../trends/testing/ingest-capture.js";
import { mWeiboCnCaptures } from "../trends/testing/weibo-fixtures.js";
import { setTopicTitleEn } from "../trends/topic-store.js";

/**
 * Issue 11: a change is recorded in the writer's own transaction, so a write that fails
 * after recording it leaves neither the change nor any of its other rows. The failure is
 * forced at commit, after everything the writer does: a deferred trigger on `change`
 * (PostgreSQL) or a deferred foreign key it violates (SQLite). Each real writer runs with
 * the poison armed; afterwards every table holds exactly what it held before.
 */

/** Tables written outside the writer's transaction (sign-in sessions, form keys, poison). */
const NOT_COMPARED = new Set([
  "newsroom_session",
  "login_throttle",
  "change_reader",
  "lease",
  "poison",
  "poison_parent",
]);

async function tableNames(db: Kysely<Tables>, dialect: string): Promise<string[]> {
  const { rows } =
    dialect === "sqlite"
      ? await sql<{ name: string }>`
          select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
          db,
        )
      : await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.map((r) => r.name).filter((name) => !NOT_COMPARED.has(name));
}

/** Every row of every compared table, as sorted JSON lines per table. */
async function contents(db: Kysely<Tables>, dialect: string): Promise<Record<string, string[]>> {
  const all: Record<string, string[]> = {};
  for (const name of (await tableNames(db, dialect)).sort()) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(
      db,
    );
    all[name] = rows
      .map((row) =>
        JSON.stringify(row, (_key, value: unknown) =>
          Buffer.isBuffer(value) ? value.toString("base64") : value,
        ),
      )
      .sort();
  }
  return all;
}

async function arm(db: Kysely<Tables>, dialect: string): Promise<void> {
  if (dialect === "sqlite") {
    await sql`create table poison_parent (id integer primary key)`.execute(db);
    await sql`create table poison (parent integer references poison_parent (id) deferrable initially deferred)`.execute(
      db,
    );
    await sql`create trigger poison_change after insert on change
      begin insert into poison (parent) values (-1); end`.execute(db);
    return;
  }
  await sql`create function poison_change() returns trigger language plpgsql as $$
    begin raise exception 'poisoned commit'; end $$`.execute(db);
  await sql`create constraint trigger poison_change after insert on change
    deferrable initially deferred for each row execute function poison_change()`.execute(db);
}

async function disarm(db: Kysely<Tables>, dialect: string): Promise<void> {
  if (dialect === "sqlite") {
    await sql`drop trigger poison_change`.execute(db);
    await sql`drop table poison`.execute(db);
    await sql`drop table poison_parent`.execute(db);
    return;
  }
  await sql`drop trigger poison_change on change`.execute(db);
  await sql`drop function poison_change()`.execute(db);
}

interface Writer {
  name: string;
  /** Unpoisoned preparation; returns what the write needs. */
  setup?(h: NewsroomHarness, editor: Client): Promise<number>;
  /** The write; resolves to whether it reported failure (an HTTP 5xx, a rejection). */
  write(h: NewsroomHarness, editor: Client, id: number): Promise<unknown>;
}

const published = async (_h: NewsroomHarness, editor: Client) => {
  const id = await createDraft(editor);
  expect((await editor.post(`/admin/stories/${id}/publish`)).status).toBe(303);
  return id;
};
const CONTEXT = { now: new Date("2025-08-27T08:00:00Z"), deskByline: "Desk", timeZone: "UTC" };

const WRITERS: Writer[] = [
  { name: "newsroom: new story", write: (_h, editor) => editor.post("/admin/stories", STORY) },
  {
    name: "newsroom: story edit",
    setup: (_h, editor) => createDraft(editor),
    async write(h, editor, id) {
      const { revision } = await h.database.db
        .selectFrom("newsroom_story")
        .select("revision")
        .where("article_id", "=", id)
        .executeTakeFirstOrThrow();
      return editor.post(`/admin/stories/${id}`, {
        ...STORY,
        headline: `Beijing subway reopens after record rain (${revision})`,
        base_revision: String(revision),
      });
    },
  },
  {
    name: "publish",
    setup: (_h, editor) => createDraft(editor),
    write: (_h, editor, id) => editor.post(`/admin/stories/${id}/publish`),
  },
  {
    name: "schedule",
    setup: (_h, editor) => createDraft(editor),
    write: (_h, editor, id) =>
      editor.post(`/admin/stories/${id}/schedule`, { publish_at: "2025-08-28T09:00" }),
  },
  {
    name: "unpublish",
    setup: published,
    write: (_h, editor, id) => editor.post(`/admin/stories/${id}/unpublish`),
  },
  {
    name: "correction",
    setup: published,
    write: (_h, editor, id) =>
      editor.post(`/admin/stories/${id}/corrections`, {
        text: "An earlier version gave the wrong number of stations closed.",
      }),
  },
  {
    name: "due publishing",
    async setup(h, editor) {
      const id = await createDraft(editor);
      await editor.post(`/admin/stories/${id}/schedule`, { publish_at: "2025-08-28T09:00" });
      h.clock.set("2025-08-29T00:00:00Z");
      return id;
    },
    write: (h) => publishDue(newsroomDeps(h.deps)),
  },
  {
    name: "import",
    write: (h) =>
      importArticles(
        h.database,
        ["test/fixtures/articles/reference/trump-kim-very-good-relationship-2025-08-26.md"],
        {
          ...CONTEXT,
        },
      ),
  },
  {
    name: "related lists",
    async setup(h, editor) {
      await published(h, editor);
      return published(h, editor);
    },
    write: (h, _editor, id) =>
      saveRelatedLists(h.database.db, new Map([[id, [{ id: id - 1, score: 0.5 }]]])),
  },
  {
    name: "hot-search snapshot",
    write: (h) => ingestCapture(h.database, mWeiboCnCaptures()[0]?.body ?? ""),
  },
  {
    name: "topic title",
    async setup(h) {
      await ingestCapture(h.database, mWeiboCnCaptures()[0]?.body ?? "");
      const topic = await h.database.db
        .selectFrom("trend_topic")
        .select("id")
        .executeTakeFirstOrThrow();
      return topic.id;
    },
    write: (h, _editor, id) =>
      setTopicTitleEn(h.database.db, id, "Military parade", new Date("2025-08-27T08:00:00Z")),
  },
  {
    name: "categories",
    write: (h) => ensureCategories(h.database.db, ["Society", "Economy", "Weather desk"]),
  },
];

describe.each(TEST_DIALECTS)("a write that fails after recording its change on %s", (dialect) => {
  let h: NewsroomHarness;
  let editor: Client;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect, "2025-08-27T08:00:00Z");
    editor = await h.login((await h.addUser("editor")).email);
  });
  afterEach(async () => {
    await h.destroy();
  });

  it.each(WRITERS)("$name leaves no change row and no partial data", async (writer) => {
    const id = (await writer.setup?.(h, editor)) ?? 0;
    const before = await contents(h.database.db, dialect);
    await arm(h.database.db, dialect);
    const outcome = await writer.write(h, editor, id).then(
      (value) => (value instanceof Response ? value.status : "resolved"),
      () => "rejected",
    );
    await disarm(h.database.db, dialect);
    expect(outcome === "rejected" || (typeof outcome === "number" && outcome >= 500)).toBe(true);
    expect(await contents(h.database.db, dialect)).toEqual(before);
    // The same write unpoisoned does record a change: the poison was what stopped it.
    const changes = await h.database.db.selectFrom("change").select("id").execute();
    await writer.write(h, editor, id);
    const after = await h.database.db.selectFrom("change").select("id").execute();
    expect(after.length).toBeGreaterThan(changes.length);
  });
});
