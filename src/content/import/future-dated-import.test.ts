import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { changeSchema } from "../../changes/change-schema.js";
import { publishDue } from "../../newsroom/commands/publish-commands.js";
import { newsroomDeps } from "../../newsroom/newsroom-deps.js";
import { importArticles } from "./import-articles.js";

/**
 * Issue 11: an imported article dated in the future used to become visible when its time
 * came with no change recorded, so cached lists and feeds missed it until they expired. It
 * is now scheduled, and the due-publishing sweep publishes it with a change.
 */
describe.each(TEST_DIALECTS)("a future-dated import on %s", (dialect) => {
  let h: NewsroomHarness;
  let dir: string;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect, "2025-08-27T08:00:00Z");
    dir = mkdtempSync(join(tmpdir(), "resou-future-"));
  });
  afterEach(async () => {
    await h.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is scheduled, then published by the due sweep with a recorded change", async () => {
    const file = join(dir, "future.md");
    writeFileSync(
      file,
      '---\ntitle: "Typhoon expected to reach Shanghai"\ndate: "2025-08-28T09:00:00+08:00"\ncategory: "Society"\n---\n\nA lead paragraph.\n\n## What happened\n\nSome text.\n',
    );
    await importArticles(h.database, [file], {
      now: h.clock.now(),
      deskByline: "Resou Desk",
      timeZone: "Asia/Shanghai",
    });
    const article = await h.database.db
      .selectFrom("article")
      .select(["id", "slug", "status", "published_at"])
      .executeTakeFirstOrThrow();
    expect(article).toMatchObject({
      status: "scheduled",
      published_at: "2025-08-28T01:00:00.000Z",
    });
    expect((await h.request(`/news/${article.slug}`)).status).toBe(404);

    // Not yet due: the sweep leaves it.
    h.clock.set("2025-08-28T00:59:00Z");
    expect(await publishDue(newsroomDeps(h.deps))).toEqual([]);

    const before = await h.database.db.selectFrom("change").select("id").execute();
    h.clock.set("2025-08-28T01:00:30Z");
    expect(await publishDue(newsroomDeps(h.deps))).toEqual([article.id]);
    const recorded = await h.database.db
      .selectFrom("change")
      .select("payload")
      .where("id", ">", Math.max(0, ...before.map((r) => r.id)))
      .execute();
    const changes = recorded.map((r) => changeSchema.parse(JSON.parse(r.payload)));
    expect(changes).toEqual([
      expect.objectContaining({
        kind: "article",
        articleId: article.id,
        before: expect.objectContaining({ visible: false }),
        after: expect.objectContaining({ visible: true, slug: article.slug }),
      }),
    ]);
    expect((await h.request(`/news/${article.slug}`)).status).toBe(200);

    // Importing the same file again changes nothing.
    await importArticles(h.database, [file], {
      now: h.clock.now(),
      deskByline: "Resou Desk",
      timeZone: "Asia/Shanghai",
    });
    const status = await h.database.db
      .selectFrom("article")
      .select("status")
      .where("id", "=", article.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe("published");
  });
});
