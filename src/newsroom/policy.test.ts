import { describe, expect, it } from "vitest";
import type { NewsroomRole } from "../db/schema.js";
import { ACTIONS, type Action, type Actor, can, type StoryResource } from "./policy.js";

type Who = "anonymous" | NewsroomRole;
type Target =
  | "none"
  | "own draft"
  | "assigned draft"
  | "other's draft"
  | "own published"
  | "other's published";

const ME = 7;
const targets: Record<Target, StoryResource | undefined> = {
  none: undefined,
  "own draft": { ownerId: ME, assigneeId: null, status: "draft" },
  "assigned draft": { ownerId: 99, assigneeId: ME, status: "draft" },
  "other's draft": { ownerId: 99, assigneeId: null, status: "draft" },
  "own published": { ownerId: ME, assigneeId: null, status: "published" },
  "other's published": { ownerId: 99, assigneeId: null, status: "published" },
};

const actor = (who: Who): Actor | null =>
  who === "anonymous" ? null : { id: ME, email: `${who}@x`, role: who };

// Expected answers, written out by hand: Y = allowed on every target, N = never,
// or a list of the targets on which it is allowed.
const ALL: Target[] = Object.keys(targets) as Target[];
const WRITER_VIEW: Target[] = ["own draft", "assigned draft", "own published"];
const WRITER_EDIT: Target[] = ["own draft", "assigned draft"];
const EXPECTED: Record<Action, Record<Who, Target[]>> = {
  "queue.view": { anonymous: [], writer: ALL, editor: ALL, admin: ALL },
  "story.create": { anonymous: [], writer: ALL, editor: ALL, admin: ALL },
  "story.view": { anonymous: [], writer: WRITER_VIEW, editor: ALL, admin: ALL },
  "story.edit": { anonymous: [], writer: WRITER_EDIT, editor: ALL, admin: ALL },
  "story.assign": { anonymous: [], writer: [], editor: ALL, admin: ALL },
  "topic.dismiss": { anonymous: [], writer: [], editor: ALL, admin: ALL },
  "checks.resolve": { anonymous: [], writer: [], editor: ALL, admin: ALL },
  "story.publish": { anonymous: [], writer: [], editor: ALL, admin: ALL },
  "story.schedule": { anonymous: [], writer: [], editor: ALL, admin: ALL },
  "story.unpublish": { anonymous: [], writer: [], editor: ALL, admin: ALL },
  "story.correct": { anonymous: [], writer: [], editor: ALL, admin: ALL },
  "users.manage": { anonymous: [], writer: [], editor: [], admin: ALL },
  "settings.manage": { anonymous: [], writer: [], editor: [], admin: ALL },
  "audit.view": { anonymous: [], writer: [], editor: [], admin: ALL },
  "tokens.own": { anonymous: [], writer: ALL, editor: ALL, admin: ALL },
  "reference.view": { anonymous: [], writer: ALL, editor: ALL, admin: ALL },
  "reference.manage": { anonymous: [], writer: [], editor: ALL, admin: ALL },
};

const WHO: Who[] = ["anonymous", "writer", "editor", "admin"];
const cases = ACTIONS.flatMap((action) =>
  WHO.flatMap((who) =>
    ALL.map((target) => ({ action, who, target, allowed: EXPECTED[action][who].includes(target) })),
  ),
);

describe("policy: role × action × story matrix", () => {
  it("covers every action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
    expect(cases).toHaveLength(ACTIONS.length * WHO.length * ALL.length);
  });

  it.each(cases)("$who $action on $target → $allowed", ({ action, who, target, allowed }) => {
    expect(can(actor(who), action, targets[target])).toBe(allowed);
  });

  it("writers may not edit their own story once it is published", () => {
    expect(can(actor("writer"), "story.edit", targets["own published"])).toBe(false);
  });
});
