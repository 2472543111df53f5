import { hasHan, segmentChinese } from "./chinese-segment.js";

const HAN_RUN = /\p{Script=Han}+/gu;

/** Chinese words in `text`, jieba-segmented and space-separated, for the search index. */
export function chineseSearchTerms(text: string): string {
  if (!hasHan(text)) return "";
  const words: string[] = [];
  for (const run of text.matchAll(HAN_RUN)) words.push(...segmentChinese(run[0]));
  return words.join(" ");
}

export type QueryPart =
  | { kind: "term"; text: string; prefix: boolean }
  | { kind: "phrase"; words: string[] }
  | { kind: "cjk"; words: string[] };

export const MAX_QUERY_LENGTH = 200;

/**
 * A reader's query as parts: words (a trailing `*` asks for a prefix), "quoted phrases",
 * and Chinese runs cut into words. Anything else (operators, brackets, colons) is dropped,
 * so no input can reach the engine as syntax.
 */
export function parseQuery(input: string): QueryPart[] {
  const parts: QueryPart[] = [];
  const pattern = /"([^"]*)"?|([^\s"]+)/g;
  for (const match of input.slice(0, MAX_QUERY_LENGTH).matchAll(pattern)) {
    const quoted = match[1];
    const raw = quoted ?? match[2] ?? "";
    for (const run of raw.matchAll(HAN_RUN))
      parts.push({ kind: "cjk", words: segmentChinese(run[0]) });
    const words = raw.replace(HAN_RUN, " ").match(/[\p{L}\p{N}]+/gu);
    if (!words) continue;
    if (quoted !== undefined || words.length > 1) parts.push({ kind: "phrase", words });
    else parts.push({ kind: "term", text: words[0] ?? "", prefix: raw.endsWith("*") });
  }
  return parts.filter((p) => p.kind === "term" || p.words.length > 0);
}
