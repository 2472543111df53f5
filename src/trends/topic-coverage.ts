import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";

export interface Coverage {
  slug: string;
  headline: string;
}

/**
 * Our published story about each topic, by topic id: first the story the newsroom started
 * from that topic (`newsroom_story.topic_id`), then an article whose hashtag is the topic's
 * word (stored without `#`). The newest published match wins; scheduled stories do not count.
 */
export async function coverageForTopics(
  db: Kysely<Tables>,
  topics: { id: number; word: string }[],
  now: string,
): Promise<Map<number, Coverage>> {
  const found = new Map<number, Coverage>();
  if (topics.length === 0) return found;
  const ids = topics.map((t) => t.id);
  const [started, tagged] = await Promise.all([
    db
      .selectFrom("newsroom_story as s")
      .innerJoin("article as a", "a.id", "s.article_id")
      .select(["s.topic_id", "a.slug", "a.headline"])
      .where("s.topic_id", "in", ids)
      .where("a.status", "=", "published")
      .where("a.published_at", "<=", now)
      .orderBy("a.published_at", "desc")
      .orderBy("a.id", "desc")
      .execute(),
    db
      .selectFrom("article")
      .select(["slug", "headline", "hashtag"])
      .where("status", "=", "published")
      .where("published_at", "<=", now)
      .where("hashtag", "in", [...new Set(topics.map((t) => t.word))])
      .orderBy("published_at", "desc")
      .orderBy("id", "desc")
      .execute(),
  ]);
  for (const r of started) {
    if (r.topic_id !== null && !found.has(r.topic_id))
      found.set(r.topic_id, { slug: r.slug, headline: r.headline });
  }
  const byWord = new Map<string, Coverage>();
  for (const r of tagged)
    if (!byWord.has(r.hashtag)) byWord.set(r.hashtag, { slug: r.slug, headline: r.headline });
  for (const t of topics) {
    const hit = byWord.get(t.word);
    if (!found.has(t.id) && hit) found.set(t.id, hit);
  }
  return found;
}
