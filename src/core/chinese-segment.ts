import { createRequire } from "node:module";

type JiebaModule = typeof import("@node-rs/jieba");
type DictModule = typeof import("@node-rs/jieba/dict.js");
type Segmenter = InstanceType<JiebaModule["Jieba"]>;

let segmenter: Segmenter | undefined;

/**
 * The jieba segmenter with the dictionary bundled in the npm package (nothing is fetched).
 * Loaded on first use: it takes ~200 ms, and English-only corpora never pay for it.
 */
function getSegmenter(): Segmenter {
  if (segmenter) return segmenter;
  const require = createRequire(import.meta.url);
  const { Jieba } = require("@node-rs/jieba") as JiebaModule;
  const { dict } = require("@node-rs/jieba/dict.js") as DictModule;
  segmenter = Jieba.withDict(dict);
  return segmenter;
}

const HAN = /\p{Script=Han}/u;

/** True when `text` holds at least one Chinese character. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * Splits a run of Chinese text into words, e.g. "特朗普称与金正恩关系非常好" →
 * ["特朗普", "称", "与", "金正恩", "关系", "非常", "好"]. Whitespace and punctuation pieces
 * are dropped.
 */
export function segmentChinese(text: string): string[] {
  return getSegmenter()
    .cut(text, false)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}

const HAN_RUN = /\p{Script=Han}+/gu;

/** Chinese words in `text`, jieba-segmented and space-separated, for the search index. */
export function chineseSearchTerms(text: string): string {
  if (!hasHan(text)) return "";
  const words: string[] = [];
  for (const run of text.matchAll(HAN_RUN)) words.push(...segmentChinese(run[0]));
  return words.join(" ");
}
