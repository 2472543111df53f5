import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";

/** The topic word without `#`, spaces and punctuation, lower-cased: what similarity compares. */
export function normaliseWord(word: string): string {
  return word.toLowerCase().replace(/[#\s\p{P}\p{S}]+/gu, "");
}

/** Character bigrams of a normalised word; a one-character word is its own "bigram". */
export function bigrams(word: string): Set<string> {
  const chars = [...normaliseWord(word)];
  if (chars.length <= 1) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/**
 * Jaccard similarity of the two words' character bigrams (0..1). Chinese topic words are
 * short and unsegmented, so bigrams tell "特朗普称与金正恩关系非常好" and
 * "特朗普称与金正恩关系很好" apart from an unrelated topic without a dictionary.
 */
export function wordSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return shared / (x.size + y.size - shared);
}

export interface CoverRule {
  /** Days back a story still covers a near-identical topic. */
  windowDays: number;
  /** Similarity (0..1) at or above which two words are the same topic. */
  similarity: number;
}

export interface Covering {
  articleId: number;
  why: "same_topic" | "same_hashtag" | "similar_topic";
}

/**
 * The story that already covers a topic, if any: one started from this topic, one whose
 * hashtag is this topic's word (any time), or, within the window, one started from or
 * tagged with a near-identical word. The oldest such story wins, so every later start
 * links to the same one.
 */
export async function findCoveringStory(
  db: Kysely<Tables>,
  topic: { id: number; word: string },
  rule: CoverRule,
  now: Date,
): Promise<Covering | null> {
  const byTopic = await db
    .selectFrom("newsroom_story")
    .select("article_id")
    .where("topic_id", "=", topic.id)
    .orderBy("article_id")
    .executeTakeFirst();
  if (byTopic) return { articleId: byTopic.article_id, why: "same_topic" };
  const word = topic.word.replace(/^#+|#+$/g, "");
  const byHashtag = await db
    .selectFrom("article")
    .select("id")
    .where("hashtag", "in", [word, `#${word}#`])
    .orderBy("id")
    .executeTakeFirst();
  if (byHashtag) return { articleId: byHashtag.id, why: "same_hashtag" };

  const since = new Date(now.getTime() - rule.windowDays * 86_400_000).toISOString();
  const [started, tagged] = await Promise.all([
    db
      .selectFrom("newsroom_story")
      .innerJoin("trend_topic", "trend_topic.id", "newsroom_story.topic_id")
      .select(["newsroom_story.article_id as articleId", "trend_topic.word as word"])
      .where("newsroom_story.created_at", ">=", since)
      .execute(),
    db
      .selectFrom("article")
      .select(["id as articleId", "hashtag as word"])
      .where("hashtag", "!=", "")
      .where("created_at", ">=", since)
      .execute(),
  ]);
  const similar = [...started, ...tagged]
    .filter((s) => wordSimilarity(s.word, word) >= rule.similarity)
    .sort((a, b) => a.articleId - b.articleId)[0];
  return similar ? { articleId: similar.articleId, why: "similar_topic" } : null;
}
