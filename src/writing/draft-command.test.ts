import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { COMMANDS } from "../cli/commands.js";
import { route } from "../cli/router.js";
import type { CliIo } from "../command/command.js";

const CAPTURE = fileURLToPath(
  new URL("../../test/fixtures/weibo/lxw-hourly/lxw-2025-08-26-12.json", import.meta.url),
);

describe.each(TEST_DIALECTS)("resou draft and resou stories show (%s)", (dialect) => {
  let database: TestDatabase;
  let out: string[];
  let err: string[];
  let io: CliIo;
  const resou = (...argv: string[]) => route("resou", COMMANDS, argv, io);

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    out = [];
    err = [];
    io = {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: {
        DATABASE_URL: database.url,
        DATABASE_SCHEMA: database.schema,
        DEMO_CONTENT: "0",
        SITE_URL: "https://resou.example",
      },
    };
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("refuses bad usage with exit 2", async () => {
    expect(await resou("draft")).toBe(2);
    expect(await resou("draft", "--topic")).toBe(2);
    expect(await resou("stories", "show", "x")).toBe(2);
  });

  it("researches a stored topic, stops without a provider (exit 1, reason) and shows the story", async () => {
    expect(await resou("trends", "import", CAPTURE)).toBe(0);
    const topic = await database.db
      .selectFrom("trend_topic")
      .select("word")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    out.length = 0;
    expect(await resou("draft", "--topic", `#${topic.word}#`)).toBe(1);
    expect(err).toContain("[research] start");
    expect(err).toContain("[research] done");
    expect(err.at(-1)).toMatch(/^No draft: No language model is configured \(LLM_PROVIDER=none\)/);
    const id = Number(/^story (\d+)$/.exec(out[0] ?? "")?.[1]);
    expect(id).toBeGreaterThan(0);
    expect(out[1]).toBe(`https://resou.example/admin/stories/${id}`);

    out.length = 0;
    expect(await resou("stories", "show", String(id), "--json")).toBe(0);
    const shown = JSON.parse(out.join("\n")) as {
      id: number;
      markdown: string;
      pipeline: { state: string; reason: string };
      stages: { stage: string; state: string }[];
    };
    expect(shown.id).toBe(id);
    expect(shown.markdown.startsWith("# ")).toBe(true);
    expect(shown.pipeline.state).toBe("stopped");
    expect(shown.stages).toEqual([expect.objectContaining({ stage: "research", state: "done" })]);

    expect(await resou("draft", "--topic", "no such topic anywhere")).toBe(1);
    expect(await resou("stories", "show", "99999")).toBe(1);
  });
});
