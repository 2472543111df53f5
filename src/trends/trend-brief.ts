import type { Config } from "../config/env.js";
import { type ArticleInput, articleInput } from "../content/article-input.js";
import type { SaveResult } from "../content/article-store.js";
import { slugify } from "../content/slug.js";
import type { Database } from "../db/database.js";
import { topicPinyin } from "./topic-pinyin.js";
import { type TopicFacts, topicFacts } from "./trend-queries.js";

const LABELS_EN: Record<string, string> = {
  新: "new",
  热: "hot",
  爆: "explosive",
  沸: "boiling",
  暖: "warm",
};

export interface TrendBrief {
  slug: string;
  headline: string;
  dek: string;
  lead: string;
  /** How the topic is named in English text: the editor's title, or Chinese with pinyin. */
  name: string;
}

/**
 * A short factual brief built from the stored numbers alone: entry time and rank, peak rank
 * and heat, time on the list, labels. It never translates: an untranslated topic is named in
 * Chinese with its pinyin. Returns null for a topic with no points.
 */
export function buildTrendBrief(facts: TopicFacts, timeZone: string): TrendBrief | null {
  const first = facts.points[0];
  const last = facts.points[facts.points.length - 1];
  if (!first || !last || facts.peakRank === null) return null;
  const shown = facts.isHashtag ? `#${facts.word}#` : facts.word;
  const name = facts.titleEn
    ? `“${facts.titleEn}” (${shown})`
    : `${shown} (${topicPinyin(facts.word)})`;
  const kind = facts.isHashtag ? "hashtag" : "search term";
  const when = (iso: string) => formatTime(iso, timeZone);
  const heat = (n: number | null) =>
    n === null ? "" : ` with a heat score of ${n.toLocaleString("en-GB")}`;
  const labels = facts.labels.map((l) => `${l} (${LABELS_EN[l] ?? "flag"})`);
  const sentences = [
    `The ${kind} ${name} entered Weibo's real-time hot search list at ${when(first.at)} at No. ${first.rank}${heat(first.heat)}.`,
    `It peaked at No. ${facts.peakRank}${facts.peakHeat === null ? "" : `, and its highest heat score was ${facts.peakHeat.toLocaleString("en-GB")}`}.`,
  ];
  if (labels.length > 0) sentences.push(`Weibo labelled it ${joinList(labels)}.`);
  const stay = facts.secondsOnList > 0 ? `for ${formatDuration(facts.secondsOnList)}` : "briefly";
  sentences.push(
    facts.state === "gone"
      ? `It stayed on the list ${stay}, across ${facts.snapshotCount} ${plural(facts.snapshotCount, "snapshot")}, and was last seen at ${when(last.at)} at No. ${last.rank}.`
      : `It has been on the list ${stay} so far, across ${facts.snapshotCount} ${plural(facts.snapshotCount, "snapshot")}, and was at No. ${last.rank} at ${when(last.at)}.`,
  );
  const date = formatDate(first.at, timeZone);
  return {
    slug: `trend-${slugify(topicPinyin(facts.word), 60)}-${first.at.slice(0, 10).replace(/-/g, "")}`,
    headline: `${name} reached No. ${facts.peakRank} on Weibo's hot search list`,
    dek: `A data brief from our hot-search tracker, ${date}.`,
    lead: sentences.join(" "),
    name,
  };
}

/**
 * Saves a brief as a published story. The newsroom provides it (its commands audit the
 * write and wait until every process shows it); the trend desk only composes the text.
 */
export type SaveBrief = (input: ArticleInput) => Promise<SaveResult>;

export interface BriefDeps {
  database: Database;
  config: Pick<Config, "TRENDS_BRIEFS" | "TIME_ZONE">;
  saveBrief: SaveBrief;
}

/**
 * Publishes the brief for one topic when `TRENDS_BRIEFS` is on. Saving is idempotent by
 * slug: the same figures leave the article untouched.
 */
export async function publishTrendBrief(
  deps: BriefDeps,
  topicId: number,
  category = "Society",
): Promise<{
  status: "disabled" | "no_data" | "created" | "updated" | "unchanged";
  slug?: string;
}> {
  if (!deps.config.TRENDS_BRIEFS) return { status: "disabled" };
  const facts = await topicFacts(deps.database.db, topicId);
  const brief = facts ? buildTrendBrief(facts, deps.config.TIME_ZONE) : null;
  if (!facts || !brief) return { status: "no_data" };
  const input: ArticleInput = articleInput.parse({
    slug: brief.slug,
    kind: "brief",
    headline: brief.headline,
    dek: brief.dek,
    lead: brief.lead,
    category,
    hashtag: facts.word,
    hashtag_en: facts.titleEn,
    status: "published",
    published_at: facts.lastSeenAt,
    tags: ["Hot search"],
  });
  const saved = await deps.saveBrief(input);
  return { status: saved.outcome, slug: saved.slug };
}

/** Topics that trended (peak in the top `topRank`) and left the list after `since`. */
export async function briefCandidates(
  database: Database,
  since: Date,
  topRank = 10,
): Promise<number[]> {
  const rows = await database.db
    .selectFrom("trend_topic")
    .select("id")
    .where("state", "=", "gone")
    .where("peak_rank", "<=", topRank)
    .where("snapshot_count", ">", 0)
    .where("last_seen_at", ">=", since.toISOString())
    .orderBy("peak_rank")
    .execute();
  return rows.map((r) => r.id);
}

export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [
    h > 0 ? `${h} ${plural(h, "hour")}` : "",
    m > 0 ? `${m} ${plural(m, "minute")}` : "",
  ];
  return parts.filter(Boolean).join(" ") || "less than a minute";
}

function formatTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(d);
  return `${time} on ${formatDate(iso, timeZone)} (${timeZone === "Asia/Shanghai" ? "Beijing time" : timeZone})`;
}

function formatDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(iso));
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
