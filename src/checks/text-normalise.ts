/**
 * Text normalisation shared by the checks: one form for dashes, hyphens, quotes and spaces so
 * "Kim Jong‑un" (non-breaking hyphen) and "Kim Jong-un" compare equal, and a loose form
 * (letters and digits only) for verbatim quote and name matching.
 */
export function canonicalText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2010-\u2012\u2212\u00ad]/g, "-")
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u300c\u300d\u300e\u300f]/g, '"')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, " ");
}

/** Lower case, letters/digits/CJK only, single spaces: for "is this phrase in that text". */
export function looseText(text: string): string {
  return canonicalText(text)
    .toLowerCase()
    .replace(/'s\b/g, "s")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Whether `needle` occurs in `haystack` as whole words, both already `looseText`. */
export function containsPhrase(haystackLoose: string, needleLoose: string): boolean {
  if (needleLoose === "") return true;
  if (/[\u3400-\u9fff]/.test(needleLoose)) return haystackLoose.includes(needleLoose);
  return ` ${haystackLoose} `.includes(` ${needleLoose} `);
}

/** Words too common to say two sentences are about the same thing. */
export const STOP_WORDS = new Set(
  (
    "a an the and or but if of to in on at by for with from into onto over under about as is are was were be been " +
    "being has have had do does did will would can could should may might must shall this that these those it its " +
    "he she they them his her their our we you i me my your not no so than then there here what which who whom whose " +
    "when where why how all any both each few more most other some such only own same too very just also said says " +
    "told say according after before while during since until again further once up down out off new one two"
  ).split(" "),
);

/** Content words (lower case, 3+ letters, not stop words) of a text. */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of looseText(text).split(" ")) {
    if (w.length >= 3 && !STOP_WORDS.has(w)) out.add(w.replace(/s$/, ""));
  }
  return out;
}
