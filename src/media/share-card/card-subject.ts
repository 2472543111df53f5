import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Tables } from "../../db/schema.js";

/**
 * Bumped when the card's design changes, so every card URL changes with it and no cache
 * (ours, a browser's, a social network's) keeps serving the old look.
 */
export const CARD_DESIGN = "1";

/** What a share card shows, enough to name its version without drawing it. */
export interface CardSubject {
  kind: "article" | "topic";
  id: number;
  headline: string;
  /** The hashtag as Weibo shows it, `#…#` or a bare word; empty when none. */
  hashtagZh: string;
  hashtagEn: string;
  /** The trend topic whose rank curve the card draws, when the hashtag trended. */
  topicId: number | null;
  version: string;
}

interface TopicKey {
  id: number;
  query: string;
  word: string;
  is_hashtag: number;
  title_en: string;
  last_seen_at: string;
  snapshot_count: number;
}

function versionOf(parts: (string | number | null)[]): string {
  return createHash("sha256")
    .update(JSON.stringify([CARD_DESIGN, ...parts]))
    .digest("hex")
    .slice(0, 12);
}

const bareWord = (hashtag: string) => hashtag.replace(/^#+|#+$/g, "").trim();

/** Topics for bare hashtag words, the `#…#` form preferred over a bare word search. */
async function topicsForWords(db: Kysely<Tables>, words: string[]): Promise<Map<string, TopicKey>> {
  const found = new Map<string, TopicKey>();
  const unique = [...new Set(words.filter(Boolean))];
  if (unique.length === 0) return found;
  const rows = await db
    .selectFrom("trend_topic")
    .select(["id", "query", "word", "is_hashtag", "title_en", "last_seen_at", "snapshot_count"])
    .where(
      "query",
      "in",
      unique.flatMap((w) => [`#${w}#`, w]),
    )
    .execute();
  for (const row of rows) {
    const word = bareWord(row.query);
    const held = found.get(word);
    if (!held || (row.is_hashtag === 1 && held.is_hashtag !== 1)) found.set(word, row);
  }
  return found;
}

/**
 * Card subjects of articles, by id. The version covers everything drawn: the words, and
 * the topic's sightings (a curve that grew is a new card).
 */
export async function articleCardSubjects(
  db: Kysely<Tables>,
  articleIds: number[],
): Promise<Map<number, CardSubject>> {
  const subjects = new Map<number, CardSubject>();
  if (articleIds.length === 0) return subjects;
  const rows = await db
    .selectFrom("article")
    .select(["id", "headline", "hashtag", "hashtag_en"])
    .where("id", "in", [...new Set(articleIds)])
    .execute();
  const topics = await topicsForWords(
    db,
    rows.map((r) => bareWord(r.hashtag)),
  );
  for (const row of rows) {
    const word = bareWord(row.hashtag);
    const topic = word ? topics.get(word) : undefined;
    subjects.set(row.id, {
      kind: "article",
      id: row.id,
      headline: row.headline,
      hashtagZh: word ? `#${word}#` : "",
      hashtagEn: row.hashtag_en || topic?.title_en || "",
      topicId: topic?.id ?? null,
      version: versionOf([
        row.headline,
        row.hashtag,
        row.hashtag_en,
        topic?.title_en ?? "",
        topic?.last_seen_at ?? null,
        topic?.snapshot_count ?? null,
      ]),
    });
  }
  return subjects;
}

/** The card subject of one hot-search topic, or null when there is no such topic. */
export async function topicCardSubject(
  db: Kysely<Tables>,
  topicId: number,
): Promise<CardSubject | null> {
  const t = await db
    .selectFrom("trend_topic")
    .select(["id", "query", "word", "is_hashtag", "title_en", "last_seen_at", "snapshot_count"])
    .where("id", "=", topicId)
    .executeTakeFirst();
  if (!t) return null;
  const shown = t.is_hashtag === 1 ? `#${t.word}#` : t.word;
  return {
    kind: "topic",
    id: t.id,
    headline: t.title_en || shown,
    hashtagZh: shown,
    hashtagEn: t.title_en,
    topicId: t.id,
    version: versionOf([t.word, t.is_hashtag, t.title_en, t.last_seen_at, t.snapshot_count]),
  };
}
