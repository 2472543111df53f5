import { listCategories } from "../../content/taxonomy-queries.js";
import { notFound } from "../../core/errors.js";
import type { CommandContext } from "../commands/command-context.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { type Action, can } from "../policy.js";
import { formFromBody, type StoryForm } from "../story-content.js";
import { loadStory, resourceOf, type StoryRecord } from "../story-queries.js";
import { auditDenial, refuse } from "./guard.js";
import { actorOf, auditContext, formValue, type NewsroomContext } from "./request-context.js";

/**
 * The story named in the path, if the actor may do `action` to it; else the refusal. A
 * story the actor may not even see answers exactly like a missing one (the same 404 page),
 * so ids cannot be probed; only one they can see gets a 403 for an action beyond them.
 */
export async function storyFor(
  c: NewsroomContext,
  deps: NewsroomDeps,
  action: Action,
): Promise<{ story: StoryRecord } | { response: Response }> {
  const id = Number(c.req.param("id"));
  const story = Number.isSafeInteger(id) ? await loadStory(deps.database.db, id) : undefined;
  const actor = actorOf(c);
  if (!story || !can(actor, "story.view", resourceOf(story))) {
    const refused = await refuse(c, deps, "queue.view");
    if (refused) return { response: refused };
    if (story) await auditDenial(c, deps, "story.view");
    throw notFound("The story");
  }
  const refused = await refuse(c, deps, action, resourceOf(story));
  return refused ? { response: refused } : { story };
}

export const commandContext = (c: NewsroomContext, deps: NewsroomDeps): CommandContext => ({
  deps,
  audit: auditContext(c),
});

export const postedForm = (c: NewsroomContext): StoryForm =>
  formFromBody((name) => formValue(c, name));

export async function categoryNames(deps: NewsroomDeps): Promise<string[]> {
  return (await listCategories(deps.database.db)).map((c) => c.name);
}

/** A non-negative integer form field, or undefined. */
export function intField(c: NewsroomContext, name: string): number | undefined {
  const text = formValue(c, name).trim();
  if (!/^\d{1,9}$/.test(text)) return undefined;
  return Number(text);
}
