import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import { searchUrl } from "../trends/normalise-row.js";
import { decompressPayload } from "../trends/payload-codec.js";
import type { SourceDraft } from "./source-types.js";
import { type TopicFacts, topicFactsFrom } from "./weibo-topic-facts.js";

/** Payloads read per topic: enough to find the newest one carrying a lead, not the whole day. */
const SNAPSHOTS_READ = 24;

export interface WeiboTopic {
  id: number;
  word: string;
  query: string;
  isHashtag: boolean;
  titleEn: string;
  category: string;
  firstSeenAt: string;
  lastSeenAt: string;
  peakRank: number | null;
  peakHeat: number | null;
  secondsOnList: number;
}

export async function loadWeiboTopic(
  db: Kysely<Tables>,
  topicId: number,
): Promise<WeiboTopic | undefined> {
  const t = await db
    .selectFrom("trend_topic")
    .selectAll()
    .where("id", "=", topicId)
    .executeTakeFirst();
  if (!t) return undefined;
  return {
    id: t.id,
    word: t.word,
    query: t.query,
    isHashtag: t.is_hashtag === 1,
    titleEn: t.title_en,
    category: t.category,
    firstSeenAt: t.first_seen_at,
    lastSeenAt: t.last_seen_at,
    peakRank: t.peak_rank,
    peakHeat: t.peak_heat,
    secondsOnList: t.seconds_on_list,
  };
}

/** The newest facts per field over the topic's latest snapshots, with the time they come from. */
export async function latestTopicFacts(
  db: Kysely<Tables>,
  topic: Pick<WeiboTopic, "id" | "word">,
): Promise<{ facts: TopicFacts; capturedAt: string } | null> {
  const snapshots = await db
    .selectFrom("trend_point")
    .innerJoin("trend_snapshot", "trend_snapshot.id", "trend_point.snapshot_id")
    .select(["trend_snapshot.source", "trend_snapshot.payload_gzip", "trend_snapshot.captured_at"])
    .where("trend_point.topic_id", "=", topic.id)
    .orderBy("trend_snapshot.captured_at", "desc")
    .limit(SNAPSHOTS_READ)
    .execute();
  let newest: { facts: TopicFacts; capturedAt: string } | null = null;
  for (const s of snapshots) {
    if (!s.payload_gzip) continue;
    const facts = topicFactsFrom(s.source, decompressPayload(s.payload_gzip), topic.word);
    if (!facts) continue;
    if (!newest) newest = { facts, capturedAt: s.captured_at };
    // The lead and counts come from the newest snapshot that has them, dated by it.
    if (facts.lead || facts.readCount !== null) return { facts, capturedAt: s.captured_at };
  }
  return newest;
}

const hashtagOf = (t: Pick<WeiboTopic, "word" | "isHashtag">) =>
  t.isHashtag ? `#${t.word}#` : t.word;

/**
 * The Weibo topic as a source: its hashtag, lead text and read/discussion counts where the
 * stored payloads give them, and the list facts we measured (best rank, peak heat, time on
 * the list). Dated by the snapshot the facts come from; the URL is Weibo's search link.
 */
export async function weiboTopicSource(
  db: Kysely<Tables>,
  topic: WeiboTopic,
): Promise<SourceDraft> {
  const found = await latestTopicFacts(db, topic);
  const facts = found?.facts;
  const lines = [`Weibo topic: ${hashtagOf(topic)}`];
  if (topic.titleEn) lines.push(`English title (machine or editor): ${topic.titleEn}`);
  if (facts?.lead) lines.push(`Lead (导语): ${facts.lead}`);
  if (facts?.readCount != null) lines.push(`Reads (阅读): ${facts.readCount}`);
  if (facts?.discussCount != null) lines.push(`Discussions (讨论): ${facts.discussCount}`);
  if (facts?.originalCount != null) lines.push(`Original posts (原创): ${facts.originalCount}`);
  const category = facts?.category || topic.category || facts?.heatTag || "";
  if (category) lines.push(`Category (分类): ${category}`);
  if (facts?.heat != null) lines.push(`Heat at capture (热度): ${facts.heat}`);
  lines.push(`First on the hot-search list: ${topic.firstSeenAt}`);
  lines.push(`Last seen on the list: ${topic.lastSeenAt}`);
  if (topic.peakRank !== null) lines.push(`Best rank: ${topic.peakRank}`);
  if (topic.peakHeat !== null) lines.push(`Peak heat: ${topic.peakHeat}`);
  lines.push(`Time on the list: ${Math.round(topic.secondsOnList / 60)} minutes`);
  return {
    url: searchUrl(topic.query),
    outlet: "Weibo",
    language: "zh",
    title: hashtagOf(topic),
    publishedAt: found?.capturedAt ?? topic.lastSeenAt,
    text: lines.join("\n"),
    kind: "weibo_topic",
  };
}
