import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureCliIo, testDatabaseEnv } from "../../test/support/cli-io.js";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { articleInput } from "../content/article-input.js";
import { saveArticles } from "../content/article-store.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../content/categories.js";
import { isEmptyDatabase } from "../runtime/empty-database.js";
import { trendCounts } from "../trends/testing/ingest-capture.js";
import { COMMANDS } from "./commands.js";
import { route } from "./router.js";

describe.each(TEST_DIALECTS)("resou demo trends on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.destroy();
  });

  const resou = async (...argv: string[]) => {
    const cli = captureCliIo(testDatabaseEnv(database));
    const code = await route("resou", COMMANDS, argv, cli.io);
    return { code, out: cli.stdout.join("\n"), err: cli.stderr.join("\n") };
  };

  it("loads the recorded day once, every list marked as a replay of 26 August 2025", async () => {
    const first = await resou("demo", "trends");
    expect(first).toEqual({
      code: 0,
      out: "Replay of 26 August 2025: 22 hot-search list(s) loaded, 0 already stored.",
      err: "",
    });
    const snapshots = await database.db
      .selectFrom("trend_snapshot")
      .select(["is_replay", "captured_at", "ranked_count"])
      .orderBy("captured_at")
      .execute();
    expect(snapshots).toHaveLength(22);
    expect(snapshots.every((s) => s.is_replay === 1 && s.ranked_count === 50)).toBe(true);
    expect(snapshots[0]?.captured_at.slice(0, 10)).toBe("2025-08-25"); // 00:30 China time
    const counts = await trendCounts(database);
    expect(counts.trend_point).toBe(22 * 50);

    const again = await resou("demo", "trends");
    expect(again.code).toBe(0);
    expect(again.out).toBe(
      "Replay of 26 August 2025: 0 hot-search list(s) loaded, 22 already stored.",
    );
    expect(await trendCounts(database)).toEqual(counts);
  });

  it("refuses arguments with the usage exit code", async () => {
    const result = await resou("demo", "trends", "extra");
    expect(result.code).toBe(2);
    expect(result.err).toBe("usage: resou demo trends");
    expect((await trendCounts(database)).trend_snapshot).toBe(0);
  });

  it("counts a database as a first start only while it holds no article and no list", async () => {
    expect(await isEmptyDatabase(database)).toBe(true);
    await resou("demo", "trends");
    expect(await isEmptyDatabase(database)).toBe(false);
    await database.db.deleteFrom("trend_point").execute();
    await database.db.deleteFrom("trend_topic").execute();
    await database.db.deleteFrom("trend_snapshot").execute();
    expect(await isEmptyDatabase(database)).toBe(true);
    await ensureCategories(database.db, DEFAULT_CATEGORIES);
    await saveArticles(
      database.db,
      [articleInput.parse({ slug: "one", headline: "One", category: "Society", lead: "Lead." })],
      { dialect, now: new Date(), deskByline: "Desk", timeZone: "Asia/Shanghai" },
    );
    expect(await isEmptyDatabase(database)).toBe(false);
  });
});
