import { randomUUID } from "node:crypto";
import { acquireLease } from "../../jobs/lease.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { withNotice } from "./notices.js";
import { formValue, type NewsroomContext } from "./request-context.js";

const DAY_MS = 24 * 60 * 60_000;

/**
 * A new-story form carries a one-time key. The first submit claims it (a lease, so two
 * processes agree); a repeat is sent to the draft the first one made instead of making a
 * second draft. Returns the response for a repeat, or undefined to go ahead.
 */
export async function duplicateCreate(
  c: NewsroomContext,
  deps: NewsroomDeps,
  headline: string,
): Promise<Response | undefined> {
  const key = formValue(c, "form_key");
  const user = c.get("session")?.user;
  if (!user || !/^[\w-]{20,100}$/.test(key)) return undefined;
  const now = deps.clock.now();
  const first = await acquireLease(
    deps.database,
    `story-form:${key}`,
    `${user.id}:${randomUUID()}`,
    now,
    DAY_MS,
  );
  if (first) return undefined;
  // Wait briefly for the first submit to commit, then find the draft it made.
  for (let attempt = 0; attempt < 10; attempt++) {
    const made = await deps.database.db
      .selectFrom("newsroom_story")
      .innerJoin("article", "article.id", "newsroom_story.article_id")
      .select("article.id")
      .where("newsroom_story.owner_id", "=", user.id)
      .where("article.headline", "=", headline)
      .orderBy("article.id", "desc")
      .executeTakeFirst();
    if (made) return c.redirect(withNotice(`/admin/stories/${made.id}`, "created"), 303);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return c.redirect("/admin", 303);
}
