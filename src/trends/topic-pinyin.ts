import { pinyin } from "pinyin-pro";

/**
 * Pinyin with tone marks for an untranslated topic, so readers can say it; never a
 * translation. Latin letters and digits pass through; punctuation is dropped.
 */
export function topicPinyin(word: string): string {
  const syllables = pinyin(word, { toneType: "symbol", type: "array", nonZh: "consecutive" });
  return syllables
    .map((s) => s.trim())
    .filter((s) => s !== "" && !/^[\p{P}\p{S}\s]+$/u.test(s))
    .join(" ");
}
