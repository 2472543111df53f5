import { hasHan, segmentChinese } from "../core/chinese-segment.js";
import { stem } from "./stemmer.js";
import { isStopWord } from "./stop-words.js";
import { aliasOf } from "./word-aliases.js";

// Decimal and grouped numbers stay whole ("4.6", "1,200"): magnitudes, tolls and sums tell
// stories of one kind apart.
const WORD = /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * Normalised index terms of `text`: lower-cased, stop words removed, English words stemmed,
 * Chinese runs segmented with jieba (single-character Chinese words are kept only when not
 * a stop word). Numbers from 2 up are kept ("2013", "33", "3"), and count words become digits
 * ("three" → "3"): they tell events apart.
 *
 * @example tokenize("Shootings in Ohio's capital") // ["shoot", "ohio", "capital"]
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const latin = hasHan(text) ? text.replace(HAN_RUN, (run) => addChinese(run, out)) : text;
  for (const match of latin.matchAll(WORD)) {
    const word = match[0];
    let key = STEMS.get(word);
    if (key === undefined) {
      key = normalizeWord(word);
      if (STEMS.size > 200_000) STEMS.clear();
      STEMS.set(word, key);
    }
    if (key) out.push(key);
  }
  return out;
}

/** Surface word → index term ("" for a dropped word); news vocabularies repeat a lot. */
const STEMS = new Map<string, string>();

function normalizeWord(word: string): string {
  let raw = word.toLowerCase();
  if (/['’]/.test(raw)) raw = raw.replace(/['’]s$/, "").replace(/['’]/g, "");
  if (raw.includes(",")) raw = raw.replace(/(\d),(?=\d{3}\b)/g, "$1");
  const alias = aliasOf(raw);
  if (alias) return alias;
  // Counts ("3 dead, 5 hurt") tell look-alike incidents apart; 0 and 1 say nothing.
  if (raw.length === 1 && raw >= "2" && raw <= "9") return raw;
  if (raw.length < 2 || isStopWord(raw)) return "";
  return stem(raw);
}

function addChinese(run: string, out: string[]): string {
  for (const word of segmentChinese(run)) {
    if (!isStopWord(word)) out.push(word);
  }
  return " ";
}

/**
 * Normalises a tag or Weibo hashtag to one key: "#特朗普称与金正恩关系非常好#" and
 * "特朗普称与金正恩关系非常好" meet, as do "Tara Reid" and "tara-reid".
 */
export function normalizeTag(tag: string): string {
  return tag
    .normalize("NFKC")
    .toLowerCase()
    .replace(/^#+|#+$/g, "")
    .replace(/[\s_-]+/g, " ")
    .trim();
}

/** Weibo hashtags (`#…#`) found in free text, normalised. */
export function findHashtags(text: string): string[] {
  const tags: string[] = [];
  for (const m of text.matchAll(/#([^#\n]{1,60})#/g)) {
    const body = m[1] ?? "";
    // "#MeToo and #TimesUp" is two Twitter tags, not one Weibo tag: spaces only inside Chinese.
    if (/\s/.test(body) && !hasHan(body)) continue;
    const tag = normalizeTag(body);
    if (tag) tags.push(tag);
  }
  return tags;
}
