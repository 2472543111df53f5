import { extractAges } from "./age-extract.js";
import { extractEntities, isTitleCase } from "./entity-extract.js";
import { minhashSignature, shingles } from "./minhash.js";
import type { RelatedDoc, RelatedOptions } from "./related-types.js";
import { findHashtags, normalizeTag, tokenize } from "./text-tokenize.js";
import { toEpochDays } from "./time-decay.js";
import { mentionMask } from "./time-mentions.js";

/** Signals are kept apart by a prefix on their keys in one vocabulary. */
export const CHANNEL_TEXT = 0;
export const CHANNEL_ENTITY = 1;
export const CHANNEL_TAG = 2;
export type Channel = 0 | 1 | 2;
const PREFIX = ["", "\u0001", "\u0002"] as const;
/** A word term that is a number (entity and tag keys start with their prefix). */
export const NUMBER_KEY = /^\p{N}/u;

export function channelOf(key: string): Channel {
  if (key.startsWith(PREFIX[1])) return CHANNEL_ENTITY;
  if (key.startsWith(PREFIX[2])) return CHANNEL_TAG;
  return CHANNEL_TEXT;
}

/** Everything the index keeps of an article, computed once, without corpus statistics. */
export interface DocFeatures {
  /** Key → sublinear, field-boosted term weight (`1 + ln tf`), every channel. */
  weights: Map<string, number>;
  signature: Uint32Array;
  /** Publication date in epoch days, NaN when unknown. */
  days: number;
  /** Days of the week and months the article names (`mentionMask`). */
  mentions: number;
  /** Ages of the people it names ("Kelly Boren, 32", "a 17-year-old"), ascending. */
  ages: number[];
}

function addCounts(
  counts: Map<string, number>,
  keys: readonly string[],
  boost: number,
  prefix = "",
) {
  for (const k of keys) {
    const key = prefix + k;
    counts.set(key, (counts.get(key) ?? 0) + boost);
  }
}

/** Extracts the words, entities, tags, shingle signature and date of one article. */
export function extractFeatures(doc: RelatedDoc, options: RelatedOptions): DocFeatures {
  const lead = doc.lead ?? "";
  const { title: tb, lead: lb, body: bb } = options.fieldBoosts;
  const counts = new Map<string, number>();

  const titleTokens = tokenize(doc.title);
  const leadTokens = tokenize(lead);
  const bodyTokens = tokenize(doc.body);
  addCounts(counts, titleTokens, tb);
  addCounts(counts, leadTokens, lb);
  addCounts(counts, bodyTokens, bb);

  const titleEntities = isTitleCase(doc.title) ? [] : extractEntities(doc.title);
  addCounts(counts, titleEntities, tb, PREFIX[1]);
  addCounts(counts, extractEntities(lead), lb, PREFIX[1]);
  addCounts(counts, extractEntities(doc.body), bb, PREFIX[1]);

  const tags = new Set<string>();
  for (const t of [...(doc.tags ?? []), ...(doc.hashtags ?? [])]) {
    const tag = normalizeTag(t);
    if (tag) tags.add(tag);
  }
  for (const t of findHashtags(`${doc.title}\n${lead}\n${doc.body}`)) tags.add(t);
  addCounts(counts, [...tags], 1, PREFIX[2]);
  // A hashtag's words also count as headline words: "#金正恩…#" meets a story about 金正恩.
  for (const h of doc.hashtags ?? []) addCounts(counts, tokenize(h), tb);

  const weights = new Map<string, number>();
  // Numbers ("4.6", "2013", "184") are facts: they tell look-alike stories apart.
  const numbers = options.weights.numbers;
  for (const [k, tf] of counts)
    weights.set(k, (1 + Math.log(tf)) * (NUMBER_KEY.test(k) ? numbers : 1));

  const stream = [...titleTokens, ...leadTokens, ...bodyTokens];
  return {
    weights,
    signature: minhashSignature(shingles(stream)),
    days: toEpochDays(doc.publishedAt),
    mentions: mentionMask(`${doc.title}\n${lead}\n${doc.body}`),
    ages: extractAges(`${doc.title}\n${lead}\n${doc.body}`),
  };
}
