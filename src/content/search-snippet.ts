import type { QueryOption, QueryPart } from "./search-terms.js";

/**
 * Search-result snippets, made in TypeScript from the text of the few articles shown, the
 * same way on SQLite and PostgreSQL. The engines' own snippet functions re-run the match
 * over the stored document: FTS5's snippet() re-expands a prefix query (17 ms for `elect*`
 * at 100,000 articles) and ts_headline re-parses whole articles (~3 ms a page).
 *
 * Output is plain text with the matched words between OPEN and CLOSE; `markSnippet` turns
 * that into safe HTML.
 */
export const OPEN = "\u0002";
export const CLOSE = "\u0003";

/** Characters shown around the best match: about two lines of a result list. */
const WINDOW = 220;
/** Context kept before the first match of the window. */
const LEAD_IN = 60;
/** Only the start of very long articles is searched for a passage to show. */
const SCAN_LIMIT = 40_000;
/** Passages are chosen among the first this many hits: plenty, and bounded per article. */
const MAX_HITS = 500;

/** A letter or digit of a spaced script: Chinese has no spaces, so no word boundaries. */
const WORD_CHAR = String.raw`[[\p{L}\p{N}]--\p{Script=Han}]`;
const WORD = new RegExp(`^${WORD_CHAR}+$`, "v");
const ENDS_IN_WORD = new RegExp(`${WORD_CHAR}$`, "v");
const HAN = /\p{Script=Han}/u;

/**
 * What an English word's inflections share ("kills", "killed", "killing" → "kill";
 * "rulings", "rule" → "rul"), so a highlight falls on every form the engines' stemmers
 * (Porter in FTS5, Snowball in PostgreSQL) matched. Only inflections are stripped, as those
 * stemmers' first steps do; "presidential" is not "president" for them either.
 */
export function inflectionRoot(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && w.length > 4)
    w = w.slice(0, -1);
  if (w.endsWith("ied")) w = `${w.slice(0, -3)}y`;
  for (const suffix of ["ing", "ed"]) {
    const stem = w.slice(0, -suffix.length);
    if (w.endsWith(suffix) && stem.length >= 3 && /[aeiouy]/.test(stem)) {
      // "stopped" → "stop", "ruled" → "rul" (as "rule" below)
      w =
        /([b-df-hj-np-tv-z])\1$/.test(stem) && !/(ll|ss|zz)$/.test(stem) ? stem.slice(0, -1) : stem;
      break;
    }
  }
  if (w.length > 3 && (w.endsWith("e") || w.endsWith("y"))) w = w.slice(0, -1);
  return w;
}

interface Matcher {
  /** Does this word (or, for Chinese, this exact run) count as a hit? */
  test(found: string): boolean;
  /** Which query word it stands for, to prefer passages with more of them. */
  key: number;
}

interface Compiled {
  pattern: RegExp;
  matchers: Matcher[];
}

/** One regular expression finds candidate words; each matcher then decides. */
function compile(parts: QueryPart[]): Compiled | undefined {
  const alternatives: string[] = [];
  const matchers: Matcher[] = [];
  const latin = new Map<string, Matcher>();
  // Words of one part share a key: a passage with a name and its alias is not two words.
  let key = 0;
  const add = (word: string, prefix: boolean) => {
    const lower = word.toLowerCase();
    if (HAN.test(lower)) {
      alternatives.push(escapeRegExp(lower));
      matchers.push({ key, test: (found) => found === lower });
      return;
    }
    if (!WORD.test(lower)) return;
    const id = `${prefix ? "*" : ""}${lower}`;
    if (latin.has(id)) return;
    const root = inflectionRoot(lower);
    // Every form with the same root starts with it ("rule" and "ruling" with "rul"), so
    // the root, not the query word, picks the candidates.
    const start = prefix ? lower : root;
    // No lookbehind for the word start (findHits checks it): a pattern of plain
    // alternatives is scanned several times faster.
    alternatives.push(`${escapeRegExp(start)}${WORD_CHAR}*`);
    const matcher: Matcher = {
      key,
      test: prefix
        ? (found) => found.startsWith(lower)
        : (found) => found === lower || inflectionRoot(found) === root,
    };
    latin.set(id, matcher);
    matchers.push(matcher);
  };
  const addOption = (option: QueryOption, eachWord: boolean) => {
    if (option.kind === "query") {
      for (const part of option.parts)
        if (part.kind !== "any") addOption(part, false);
        else for (const inner of part.options) addOption(inner, false);
      return;
    }
    const words = option.kind === "term" ? [option.text] : option.words;
    for (const word of words) {
      add(word, option.kind === "term" && option.prefix);
      if (eachWord) key += 1;
    }
  };
  for (const part of parts) {
    if (part.kind !== "any") addOption(part, true);
    else {
      for (const option of part.options) addOption(option, false);
      key += 1;
    }
  }
  if (alternatives.length === 0) return undefined;
  return { pattern: new RegExp(alternatives.join("|"), "giv"), matchers };
}

interface Hit {
  start: number;
  end: number;
  key: number;
}

function findHits(text: string, compiled: Compiled): Hit[] {
  const hits: Hit[] = [];
  for (const match of text.matchAll(compiled.pattern)) {
    if (hits.length === MAX_HITS) break;
    // A word's middle is no word start (Chinese words may start anywhere).
    if (
      !HAN.test(match[0]) &&
      ENDS_IN_WORD.test(text.slice(Math.max(0, match.index - 2), match.index))
    )
      continue;
    const found = match[0].toLowerCase();
    const matcher = compiled.matchers.find((m) => m.test(found));
    if (matcher)
      hits.push({ start: match.index, end: match.index + match[0].length, key: matcher.key });
  }
  return hits;
}

/**
 * The window of WINDOW characters holding the most different query words, then the most
 * hits; the earliest such. One pass with counts, so an article full of hits stays cheap.
 */
function bestWindow(hits: Hit[]): { from: number; to: number } | undefined {
  let best: { from: number; to: number; distinct: number; count: number } | undefined;
  const counts = new Map<number, number>();
  const add = (key: number, by: number) => {
    const n = (counts.get(key) ?? 0) + by;
    if (n === 0) counts.delete(key);
    else counts.set(key, n);
  };
  let last = -1;
  for (let first = 0; first < hits.length; first += 1) {
    const head = hits[first];
    if (!head) break;
    if (last < first) {
      last = first;
      add(head.key, 1);
    }
    for (
      let next = hits[last + 1];
      next && next.end - head.start <= WINDOW;
      next = hits[last + 1]
    ) {
      last += 1;
      add(next.key, 1);
    }
    const count = last - first + 1;
    if (
      !best ||
      counts.size > best.distinct ||
      (counts.size === best.distinct && count > best.count)
    )
      best = { from: first, to: last, distinct: counts.size, count };
    add(head.key, -1);
  }
  return best && { from: best.from, to: best.to };
}

/**
 * The passage of `text` that best shows why it matched, with the matching words marked.
 * No match in the text (the article matched by its headline or hashtag): its opening.
 */
export function makeSnippet(text: string, parts: QueryPart[]): string {
  // Our markers must come from us only.
  const clean = text.slice(0, SCAN_LIMIT).replaceAll(OPEN, " ").replaceAll(CLOSE, " ");
  const compiled = compile(parts);
  const hits = compiled ? findHits(clean, compiled) : [];
  const window = bestWindow(hits);
  const firstHit = window ? hits[window.from] : undefined;
  let start = firstHit ? Math.max(0, firstHit.start - LEAD_IN) : 0;
  if (start > 0) start = wordStartAfter(clean, start, firstHit?.start ?? start);
  const end = wordEndBefore(clean, Math.min(clean.length, start + WINDOW), start);
  let out = start > 0 ? "…" : "";
  let at = start;
  for (const hit of hits) {
    if (hit.start < start || hit.end > end) continue;
    out += `${oneLine(clean.slice(at, hit.start))}${OPEN}${clean.slice(hit.start, hit.end)}${CLOSE}`;
    at = hit.end;
  }
  out += oneLine(clean.slice(at, end));
  return end < clean.length || text.length > SCAN_LIMIT ? `${out.trimEnd()} …` : out;
}

/** Paragraph breaks read as spaces: a snippet is one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ");
}

/** First word start at or after `at` (and no later than `limit`), so no word is cut. */
function wordStartAfter(text: string, at: number, limit: number): number {
  const space = text.slice(at, limit).search(/\s/);
  const start = space < 0 ? at : at + space + 1;
  return surrogateSafe(text, start);
}

/** Last word end at or before `at` (and no earlier than most of the window), so no word is cut. */
function wordEndBefore(text: string, at: number, start: number): number {
  if (at >= text.length) return text.length;
  const space = text.slice(start + WINDOW / 2, at).search(/\s\S*$/);
  return surrogateSafe(text, space < 0 ? at : start + WINDOW / 2 + space);
}

/** Never split a character outside the Basic Multilingual Plane (emoji, rare Han). */
function surrogateSafe(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index + 1 : index;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Escapes a snippet's text, then turns our markers into <mark>: safe HTML. */
export function markSnippet(snippet: string): string {
  return escapeHtml(snippet).replaceAll(OPEN, "<mark>").replaceAll(CLOSE, "</mark>");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
