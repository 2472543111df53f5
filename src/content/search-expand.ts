import { hasHan, segmentChinese } from "../core/chinese-segment.js";
import { type NameGroup, nameKey, type SearchLexicon } from "./search-lexicon.js";
import { spellingVariants } from "./search-spelling.js";
import type { QueryOption, QueryPart, QueryWord } from "./search-terms.js";

/** Options of one part beyond this are dropped: each is searched, and names have few. */
const MAX_OPTIONS = 8;
/** Words of an English hashtag title that every article has or no index keeps. */
const STOP_WORDS = new Set(
  "a an and are as at be by for from has have in is it its of on or the to was were with".split(
    " ",
  ),
);

/**
 * The reader's parts, each widened to what it means here: a name to all its spellings in
 * the newsroom's lexicon (特朗普 → Donald Trump, Trump → 特朗普), a hashtag to its English
 * title, a word to its British or American spelling. Every part keeps the reader's own
 * words as its first option, so expansion only ever adds matches.
 */
export function expandQuery(
  parts: QueryWord[],
  lexicon: SearchLexicon,
  titles: Map<string, string>,
): QueryPart[] {
  const out: QueryPart[] = [];
  for (let i = 0; i < parts.length; ) {
    const part = parts[i] as QueryWord;
    if (part.kind === "cjk") {
      out.push(...expandChinese(part, lexicon, titles));
      i += 1;
      continue;
    }
    if (part.kind === "phrase") {
      const group = lexicon.latin.get(part.words.join(" ").toLowerCase());
      out.push(group ? withNames(part, group) : withSpellings(part));
      i += 1;
      continue;
    }
    const span = nameSpan(parts, i, lexicon);
    if (span) {
      const words = parts.slice(i, i + span.length).map((p) => (p.kind === "term" ? p.text : ""));
      const typed: QueryOption = words.length === 1 ? (part as QueryWord) : { kind: "all", words };
      out.push(withNames(typed, span.group));
      i += span.length;
      continue;
    }
    out.push(withSpellings(part));
    i += 1;
  }
  return out;
}

/** The longest run of plain words from `start` that is a name in the lexicon. */
function nameSpan(
  parts: QueryWord[],
  start: number,
  lexicon: SearchLexicon,
): { length: number; group: NameGroup } | undefined {
  for (let length = Math.min(lexicon.longest, parts.length - start); length > 0; length -= 1) {
    const run = parts.slice(start, start + length);
    if (!run.every((p) => p.kind === "term" && !p.prefix)) continue;
    const key = run.map((p) => (p.kind === "term" ? p.text.toLowerCase() : "")).join(" ");
    const group = lexicon.latin.get(key);
    if (group) return { length, group };
  }
  return undefined;
}

/** Every spelling of a name as an option, after what the reader typed. */
function withNames(typed: QueryOption, group: NameGroup): QueryPart {
  const options: QueryOption[] = [typed];
  for (const member of group.members) {
    if (hasHan(member)) {
      const words = (member.match(/\p{Script=Han}+/gu) ?? []).flatMap((r) => segmentChinese(r));
      if (words.length) options.push({ kind: "cjk", words });
      continue;
    }
    const words = nameKey(member).split(" ").filter(Boolean);
    if (words.length === 1) options.push({ kind: "term", text: words[0] ?? "", prefix: false });
    else if (words.length > 1) options.push({ kind: "phrase", words });
  }
  return anyOf(options);
}

/** A word or phrase with its other spellings (one phrase with every word respelt). */
function withSpellings(part: QueryWord): QueryPart {
  if (part.kind === "term") {
    if (part.prefix) return part;
    const variants = spellingVariants(part.text);
    return anyOf([
      part,
      ...variants.map((text): QueryOption => ({ kind: "term", text, prefix: false })),
    ]);
  }
  if (part.kind !== "phrase") return part;
  const respelt = part.words.map((w) => spellingVariants(w)[0] ?? w);
  if (respelt.every((w, i) => w === part.words[i])) return part;
  return anyOf([part, { kind: "phrase", words: respelt }]);
}

/**
 * A run of Chinese: a hashtag with an English title matches that title's words as well;
 * otherwise the names inside it are cut out and widened, the text between them kept.
 */
function expandChinese(
  part: QueryWord & { kind: "cjk" },
  lexicon: SearchLexicon,
  titles: Map<string, string>,
): QueryPart[] {
  const run = part.words.join("");
  const title = titles.get(run);
  if (title) {
    const words = nameKey(title)
      .split(" ")
      .filter((w) => w && !STOP_WORDS.has(w));
    return [words.length ? anyOf([part, { kind: "all", words }]) : part];
  }
  const found = namesIn(run, lexicon);
  if (found.length === 0) return [part];
  const out: QueryPart[] = [];
  let at = 0;
  for (const name of found) {
    const between = run.slice(at, name.start);
    if (between) out.push({ kind: "cjk", words: segmentChinese(between) });
    out.push(withNames({ kind: "cjk", words: segmentChinese(name.text) }, name.group));
    at = name.start + name.text.length;
  }
  const rest = run.slice(at);
  if (rest) out.push({ kind: "cjk", words: segmentChinese(rest) });
  return out.filter((p) => p.kind !== "cjk" || p.words.length > 0);
}

/** The lexicon's Chinese names inside `run`, in order, longest first where they overlap. */
function namesIn(run: string, lexicon: SearchLexicon) {
  const hits: { start: number; text: string; group: NameGroup }[] = [];
  for (const [text, group] of lexicon.han) {
    for (let start = run.indexOf(text); start >= 0; start = run.indexOf(text, start + 1))
      hits.push({ start, text, group });
  }
  hits.sort((a, b) => a.start - b.start || b.text.length - a.text.length);
  const kept: typeof hits = [];
  for (const hit of hits) {
    const last = kept.at(-1);
    if (!last || hit.start >= last.start + last.text.length) kept.push(hit);
  }
  return kept;
}

/** One option alone is the part itself; duplicates are searched once. */
function anyOf(options: QueryOption[]): QueryPart {
  const seen = new Set<string>();
  const unique = options.filter((o) => {
    const key = JSON.stringify(o.kind === "term" ? { ...o, text: o.text.toLowerCase() } : o);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const kept = unique.slice(0, MAX_OPTIONS);
  const only = kept[0];
  if (kept.length === 1 && only && only.kind !== "all" && only.kind !== "query") return only;
  return { kind: "any", options: kept };
}
