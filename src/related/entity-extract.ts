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
const DROP = new Set(
  `the a an mr mrs ms dr sir he she it they we i in on at but and or if when as after before
  this that there his her their our its for from by with to so while ap reuters afp cnn update
  updated breaking watch video photo photos`.split(/\s+/),
);
const ABBREVIATIONS = new Set(
  "mr mrs ms dr st gen sen rep gov lt col capt sgt jr sr no vs mt ft".split(" "),
);
const SENTENCE_GAP = new Set([".", "!", "?", ":", ";", '"', "“", "”", "\n", "(", "—", "–"]);
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’.&-]*/gu;

interface Word {
  text: string;
  /** Lower-cased, without trailing dots or possessive ("U.S." → "u.s", "Reid's" → "reid"). */
  key: string;
  capital: boolean;
  sentenceStart: boolean;
  /** Punctuation between this word and the previous one ("Malibu, California"). */
  breakBefore: boolean;
}

function strip(word: string): string {
  let end = word.length;
  while (end > 0 && ".'’-".includes(word[end - 1] as string)) end--;
  let out = end === word.length ? word : word.slice(0, end);
  const last = out[out.length - 1];
  const quote = out[out.length - 2];
  if (out.length > 2 && (last === "s" || last === "S") && (quote === "'" || quote === "’"))
    out = out.slice(0, -2);
  return out;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  let prevEnd = 0;
  let prevFull = "";
  let prevKey = "";
  for (const m of text.matchAll(TOKEN)) {
    const index = m.index ?? 0;
    let sentenceGap = false;
    let punctuation = false;
    for (let i = prevEnd; i < index; i++) {
      const ch = text[i] as string;
      if (ch === " " || ch === "\t") continue;
      punctuation = true;
      if (SENTENCE_GAP.has(ch)) sentenceGap = true;
    }
    const full = m[0];
    // "said. Police" ends a sentence; "U.S. officials" and "Mr. Smith" do not.
    const endedSentence =
      prevFull.length > 1 &&
      prevFull.endsWith(".") &&
      prevFull.indexOf(".") === prevFull.length - 1 &&
      !ABBREVIATIONS.has(prevKey);
    const raw = strip(full);
    const first = raw[0] ?? "";
    const key = raw.toLowerCase();
    out.push({
      text: raw,
      key,
      capital: first !== first.toLowerCase(),
      sentenceStart: out.length === 0 || sentenceGap || endedSentence,
      breakBefore: punctuation || prevFull.endsWith(","),
    });
    prevEnd = index + full.length;
    prevFull = full;
    prevKey = key;
  }
  return out;
}

/** True when most words of a line are capitalised (a Title Case headline). */
export function isTitleCase(text: string): boolean {
  const ws = words(text).filter((w) => w.text.length > 3 && /^\p{L}/u.test(w.text));
  if (ws.length < 3) return false;
  return ws.filter((w) => w.capital).length / ws.length > 0.6;
}

export function extractEntities(text: string): string[] {
  const ws = words(text);
  const midCapital = new Set<string>();
  for (const w of ws) if (w.capital && !w.sentenceStart) midCapital.add(w.key);

  const out: string[] = [];
  let span: Word[] = [];
  const flush = () => {
    while (span.length > 0 && DROP.has(span[0]?.key ?? "")) span.shift();
    while (span.length > 0 && CONNECTORS.has(span[span.length - 1]?.key ?? "")) span.pop();
    const keys = span.map((w) => w.key).filter((k) => !isStopWord(k) || CONNECTORS.has(k));
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
    const next = ws[i + 1];
    const nextJoins = next?.capital === true && !next.sentenceStart && !next.breakBefore;
    if (w.capital) {
      if ((w.sentenceStart || w.breakBefore) && span.length > 0) flush();
      if (w.sentenceStart && !midCapital.has(w.key) && !nextJoins) continue;
      span.push(w);
    } else if (span.length > 0 && CONNECTORS.has(w.key) && nextJoins) {
      span.push(w);
    } else if (span.length > 0) {
      flush();
    }
  }
  if (span.length > 0) flush();
  return out;
}
