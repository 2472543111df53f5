import { segmentChinese } from "../core/chinese-segment.js";

export { chineseSearchTerms } from "../core/chinese-segment.js";

const HAN_RUN = /\p{Script=Han}+/gu;

/** One thing to find: a word (a trailing `*` asks for a prefix), a phrase, Chinese words. */
export type QueryWord =
  | { kind: "term"; text: string; prefix: boolean }
  | {
      kind: "phrase";
      words: string[];
      /**
       * The text as typed ("U.S.", "e-commerce"), for PostgreSQL's parser, which keeps such
       * words whole in the index where FTS5 splits them into `words`.
       */
      raw?: string;
    }
  | { kind: "cjk"; words: string[] };

/**
 * One way to satisfy a part: a word as above, several words anywhere in the article, or a
 * whole query of its own (`query`: the reader's parts, beside the hashtags their words
 * name, search-topics.ts).
 */
export type QueryOption =
  | QueryWord
  | { kind: "all"; words: string[] }
  | { kind: "query"; parts: QueryPart[] };

/**
 * A query is parts that must all match. An `any` part matches when one of its options
 * does: the reader's words and their other spellings and names (search-expand.ts).
 */
export type QueryPart = QueryWord | { kind: "any"; options: QueryOption[] };

export const MAX_QUERY_LENGTH = 200;

const WORDS = new Intl.Segmenter("zh", { granularity: "word" });

/**
 * The query trimmed to `max` characters, cut where a word ends (Chinese words too, by the
 * segmenter's dictionary), so no word of a pasted paragraph is searched half-written.
 */
export function cutQuery(input: string, max: number = MAX_QUERY_LENGTH): string {
  const text = input.trim();
  if (text.length <= max) return text;
  let end = 0;
  for (const { index, segment } of WORDS.segment(text.slice(0, max + 1))) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  // One word longer than the whole limit: its start, not split inside a character.
  if (end === 0) end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end).trimEnd();
}

/**
 * A reader's query as parts: words (a trailing `*` asks for a prefix), "quoted phrases",
 * and Chinese runs cut into words. Anything else (operators, brackets, colons) is dropped,
 * so no input can reach the engine as syntax.
 */
export function parseQuery(input: string): QueryWord[] {
  const parts: QueryWord[] = [];
  const pattern = /"([^"]*)"?|([^\s"]+)/g;
  for (const match of cutQuery(input).matchAll(pattern)) {
    const quoted = match[1];
    const raw = quoted ?? match[2] ?? "";
    for (const run of raw.matchAll(HAN_RUN))
      parts.push({ kind: "cjk", words: segmentChinese(run[0]) });
    const latin = raw.replace(HAN_RUN, " ");
    const words = latin.match(/[\p{L}\p{N}]+/gu);
    if (!words) continue;
    if (quoted !== undefined || words.length > 1)
      parts.push({ kind: "phrase", words, raw: latin.trim() });
    else parts.push({ kind: "term", text: words[0] ?? "", prefix: raw.endsWith("*") });
  }
  return parts.filter((p) => p.kind === "term" || p.words.length > 0);
}
