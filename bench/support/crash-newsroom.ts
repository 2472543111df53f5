/**
 * The newsroom part of the crash benchmark: each round creates two stories through the
 * newsroom's commands, publishes one now and schedules the other a moment ahead, so kills
 * land inside create, publish, schedule and the worker's publish of a schedule coming due.
 */

import { sql } from "kysely";
import { writerChangeFeed } from "../../src/changes/database-change-feed.js";
import { loadConfig } from "../../src/config/env.js";
import { type Clock, systemClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/log.js";
import type { Database } from "../../src/db/database.js";
import type { JobHandler } from "../../src/jobs/worker.js";
import { systemContext } from "../../src/newsroom/audit-log.js";
import type { CommandContext } from "../../src/newsroom/commands/command-context.js";
import {
  publishArticle,
  publishDue,
  scheduleArticle,
} from "../../src/newsroom/commands/publish-commands.js";
import { createStory } from "../../src/newsroom/commands/story-commands.js";
import { newsroomDeps } from "../../src/newsroom/newsroom-deps.js";
import { publishJobHandlers } from "../../src/newsroom/publish-due-task.js";
import type { StoryContent } from "../../src/newsroom/story-content.js";
import type { SiteDeps } from "../../src/web/site-deps.js";

/** Slugs of the stories this workload writes start with this. */
export const STORY_SLUG_PREFIX = "newsroom-crash-";

/** A writer's deps: its changes settle against whichever web processes are running. */
async function siteDeps(database: Database, clock: Clock): Promise<SiteDeps> {
  const config = loadConfig({ SITE_URL: "http://127.0.0.1:1", DEMO_CONTENT: "0" });
  const changes = await writerChangeFeed(database, silentLogger);
  return { database, config, clock, log: silentLogger, changes };
}

export async function newsroomCommands(
  database: Database,
  clock: Clock = systemClock,
): Promise<CommandContext> {
  return { deps: newsroomDeps(await siteDeps(database, clock)), audit: systemContext };
}

/** The worker's handler for the job each schedule queues (the same sweep the scheduler runs). */
export async function publishHandlers(database: Database): Promise<Record<string, JobHandler>> {
  return publishJobHandlers(await siteDeps(database, systemClock));
}

const content = (headline: string): StoryContent => ({
  headline,
  dek: "A drill under a crash test",
  lead: "Record rain closed ten stations [1].",
  sections: [{ heading: "What happened", body: "Water poured in [1]." }],
  category: "Society",
  tags: ["weather"],
  hashtag: "",
  hashtagEn: "",
  byline: "",
  sources: [{ url: "https://example.com/report", title: "Record rain closed ten stations" }],
});

/**
 * One story published now, one scheduled 250–500 ms ahead (a worker job publishes it): far
 * enough that a loaded machine still reaches the command before that time has passed.
 */
export async function newsroomRound(
  ctx: CommandContext,
  seed: number,
  round: number,
  step: (name: string) => void = () => undefined,
) {
  step("create story");
  const now = await createStory(ctx, content(`Newsroom crash ${seed} ${round} now`));
  step("publish");
  await publishArticle(ctx, now.articleId);
  step("create story");
  const later = await createStory(ctx, content(`Newsroom crash ${seed} ${round} later`));
  const at = new Date(Date.now() + 250 + ((seed * 7 + round * 13) % 250));
  step("schedule");
  await scheduleArticle(ctx, later.articleId, at);
}

const count = async (database: Database, query: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await query.execute(database.db)).rows[0]?.n ?? 0);

/**
 * After a kill: recover as a restarted scheduler does (its minute sweep publishes what is
 * due, here with a clock an hour ahead so every schedule has come due), then return what
 * is wrong with the newsroom's stories.
 */
export async function newsroomProblems(database: Database): Promise<string[]> {
  const problems: string[] = [];
  const like = `${STORY_SLUG_PREFIX}%`;
  const orphans = await count(
    database,
    sql`select count(*) as n from article a where a.slug like ${like} and (
      not exists (select 1 from newsroom_story s where s.article_id = a.id)
      or not exists (select 1 from article_revision r where r.article_id = a.id))`,
  );
  if (orphans > 0) problems.push(`${orphans} stories created half-way (no story row or revision)`);
  const ahead: Clock = { now: () => new Date(Date.now() + 3_600_000) };
  await publishDue((await newsroomCommands(database, ahead)).deps);
  const stuck = await count(
    database,
    sql`select count(*) as n from article where slug like ${like} and status = 'scheduled'`,
  );
  if (stuck > 0) problems.push(`${stuck} scheduled stories not published once due`);
  const undated = await count(
    database,
    sql`select count(*) as n from article where slug like ${like}
      and status = 'published' and published_at is null`,
  );
  if (undated > 0) problems.push(`${undated} published stories without a publication time`);
  // Published exactly once: one story.publish event for a published story, none otherwise.
  const publishes = await count(
    database,
    sql`select count(*) as n from article a where a.slug like ${like} and
      (case when a.status = 'published' then 1 else 0 end) <> (select count(*) from audit_event e
        where e.action = 'story.publish' and e.target_id = cast(a.id as text))`,
  );
  if (publishes > 0) problems.push(`${publishes} stories published other than exactly once`);
  const schedules = await count(
    database,
    sql`select count(*) as n from article a where a.slug like ${like} and a.slug like '%-later'
      and a.status = 'published' and not exists (select 1 from audit_event e
        where e.action = 'story.schedule' and e.target_id = cast(a.id as text))`,
  );
  if (schedules > 0) problems.push(`${schedules} stories published at a schedule never recorded`);
  return problems;
}
