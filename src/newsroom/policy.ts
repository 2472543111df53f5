import type { ArticleStatus, NewsroomRole } from "../db/schema.js";

/** Who is acting: a signed-in newsroom user, or null for anonymous. */
export interface Actor {
  id: number;
  email: string;
  role: NewsroomRole;
}

/** A story as the policy sees it. */
export interface StoryResource {
  ownerId: number | null;
  assigneeId: number | null;
  status: ArticleStatus;
}

export const ACTIONS = [
  "queue.view",
  "story.create",
  "story.view",
  "story.edit",
  "story.assign",
  "topic.dismiss",
  "checks.resolve",
  "story.publish",
  "story.schedule",
  "story.unpublish",
  "story.correct",
  "users.manage",
  "settings.manage",
  "audit.view",
  "tokens.own",
  "reference.view",
  "reference.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

const EDITOR_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  "queue.view",
  "story.create",
  "story.view",
  "story.edit",
  "story.assign",
  "topic.dismiss",
  "checks.resolve",
  "story.publish",
  "story.schedule",
  "story.unpublish",
  "story.correct",
  "tokens.own",
  "reference.view",
  "reference.manage",
]);

const ADMIN_ONLY: ReadonlySet<Action> = new Set<Action>([
  "users.manage",
  "settings.manage",
  "audit.view",
]);

const isWritersOwn = (actor: Actor, story: StoryResource | undefined) =>
  story !== undefined && (story.ownerId === actor.id || story.assigneeId === actor.id);

/**
 * The one place that says who may do what. Writers create stories and edit their own
 * (or assigned) drafts; editors edit any story and publish, schedule, unpublish and
 * correct; admins do all that and manage users, settings and the audit log. Anonymous
 * may do nothing.
 */
export function can(actor: Actor | null, action: Action, story?: StoryResource): boolean {
  if (actor === null) return false;
  if (actor.role === "admin") return true;
  if (ADMIN_ONLY.has(action)) return false;
  if (actor.role === "editor") return EDITOR_ACTIONS.has(action);
  switch (action) {
    case "queue.view":
    case "story.create":
    case "tokens.own":
    // Writers read the reference data the checks judge their stories by; editors keep it.
    case "reference.view":
      return true;
    case "story.view":
      return isWritersOwn(actor, story);
    case "story.edit":
      return isWritersOwn(actor, story) && story?.status === "draft";
    default:
      return false;
  }
}
