import { isStopWord } from "./stop-words.js";

/**
 * A light named-entity heuristic, no model: runs of capitalised words ("Tara Reid",
 * "Promises Treatment Center", "LOS ANGELES") joined by a few connectors ("Bank of America"),
 * with leading function words and honorifics dropped. A capitalised word that only ever
 * starts a sentence is not taken alone ("Police said…"); one seen mid-sentence is.
 * Each multi-word entity also yields its words of four letters or more, so "Reid said" later
 * in a story still meets "Tara Reid".
 *
 * @example extractEntities("Tara Reid entered rehab in Malibu.") // ["tara reid", "tara", "reid", "malibu"]
 */
const CONNECTORS = new Set(["of", "de", "da", "del", "la", "le", "van", "von", "bin", "al", "du"]);
const DROP = new Set([
  "the",
  "a",
  "an",
  "mr",
  "mrs",
  "ms",
  "dr",
  "sir",
  "he",
  "she",
  "it",
  "they",
  "we",
  "i",
  "in",
  "on",
  "at",
  "but",
  "and",
  "or",
  "if",
  "when",
  "as",
  "after",
  "before",
  "this",
  "that",
  "there",
  "his",
  "her",
  "their",
  "our",
  "its",
  "for",
  "from",
  "by",
  "with",
  "to",
  "so",
  "while",
  "ap",
  "reuters",
  "afp",
  "cnn",
  "update",
  "updated",
  "breaking",
  "watch",
  "video",
  "photo",
  "photos",
]);

const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "st",
  "gen",
  "sen",
  "rep",
  "gov",
  "lt",
  "col",
  "capt",
  "sgt",
  "jr",
  "sr",
  "no",
  "vs",
  "mt",
  "ft",
]);

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’.&-]*/gu;

interface Word {
  text: string;
  capital: boolean;
  sentenceStart: boolean;
  /** Punctuation between this word and the previous one ("Malibu, California"). */
  breakBefore: boolean;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  let prevEnd = 0;
  let prevFull = "";
  for (const m of text.matchAll(TOKEN)) {
    const index = m.index ?? 0;
    const gap = text.slice(prevEnd, index);
    const raw = m[0].replace(/[.'’-]+$/u, "").replace(/['’]s$/u, "");
    const endedSentence =
      /[^.]\.$/u.test(prevFull) && !/\..*\.$/u.test(prevFull) && !ABBREVIATIONS.has(key(prevFull));
    const sentenceStart = out.length === 0 || /[.!?:;"“”\n(—–]/.test(gap) || endedSentence;
    const breakBefore = /[^\s]/u.test(gap) || /[,;:]$/u.test(prevFull);
    out.push({ text: raw, capital: /^\p{Lu}/u.test(raw), sentenceStart, breakBefore });
    prevEnd = index + m[0].length;
    prevFull = m[0];
  }
  return out;
}

function key(word: string): string {
  return word
    .toLowerCase()
    .replace(/[.'’-]+$/u, "")
    .replace(/['’]s$/u, "");
}

/** True when most words of a line are capitalised (a Title Case headline). */
export function isTitleCase(text: string): boolean {
  const ws = words(text).filter((w) => /^\p{L}/u.test(w.text) && w.text.length > 3);
  if (ws.length < 3) return false;
  return ws.filter((w) => w.capital).length / ws.length > 0.6;
}

export function extractEntities(text: string): string[] {
  const ws = words(text);
  const midCapital = new Set<string>();
  for (const w of ws) if (w.capital && !w.sentenceStart) midCapital.add(key(w.text));

  const out: string[] = [];
  let span: Word[] = [];
  const flush = () => {
    while (span.length > 0 && DROP.has(key(span[0]?.text ?? ""))) span.shift();
    while (span.length > 0 && CONNECTORS.has(key(span[span.length - 1]?.text ?? ""))) span.pop();
    const keys = span.map((w) => key(w.text)).filter((k) => !isStopWord(k) || CONNECTORS.has(k));
    span = [];
    if (keys.length === 0) return;
    if (keys.length === 1) {
      const only = keys[0] ?? "";
      if (only.length > 1) out.push(only);
      return;
    }
    out.push(keys.join(" "));
    for (const k of keys) if (k.length >= 4 && !CONNECTORS.has(k)) out.push(k);
  };

  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as Word;
    const k = key(w.text);
    const startsAlone = w.sentenceStart && !midCapital.has(k);
    if (w.capital && /^\p{L}/u.test(w.text)) {
      if ((w.sentenceStart || w.breakBefore) && span.length > 0) flush();
      if (
        startsAlone &&
        !(ws[i + 1]?.capital && !ws[i + 1]?.sentenceStart && !ws[i + 1]?.breakBefore)
      )
        continue;
      span.push(w);
    } else if (
      span.length > 0 &&
      CONNECTORS.has(k) &&
      ws[i + 1]?.capital &&
      !ws[i + 1]?.sentenceStart
    ) {
      span.push(w);
    } else if (span.length > 0) {
      flush();
    }
  }
  if (span.length > 0) flush();
  return out;
}
