import { canonicalText } from "./text-normalise.js";

export interface NameMention {
  name: string;
  start: number;
  end: number;
}

/** Words that start a capitalised run without being part of a name. */
const LEADING_NOISE = new Set(
  (
    "The A An In On At By For From With After Before During Since As But And Or If When While Although Though Yet So " +
    "This That These Those His Her Its Their Our Then Now Meanwhile However Still Also Even Both Former Late Acting " +
    "Mr Mrs Ms Dr Prof Sir President Vice Premier Chairman Chairwoman Secretary General Minister Prime Foreign Defense " +
    "Defence Leader Whether Why What Who How Where Nonetheless Nevertheless Such Many Several Some Every Each Most Neither Either Not No Once Later Earlier Today Yesterday Tomorrow Here There Supreme Senator Sen Rep Representative Governor Gov Mayor Ambassador Spokesman Spokeswoman Spokesperson " +
    "Chancellor King Queen Prince Princess Pope Judge Justice Chief Director Commander Lt Col Gen Sgt Capt Deputy State " +
    "According Under Over Across Despite Amid Among Through Toward Towards Against Without Within Upon Via " +
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August " +
    "September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
  ).split(" "),
);

const CONNECTORS = new Set(["of", "de", "da", "van", "von", "bin", "al", "la", "le", "du"]);

const WORD = /[A-Z][\p{L}'’]*(?:-[\p{L}]+)*\.?|[A-Z]{2,}/uy;

/**
 * Runs of two or more capitalised words ("Kim Jong-un", "Xinhua News Agency", "Workers'
 * Party of Korea"), leading function words and titles dropped, small connectors kept inside.
 */
export function findNames(text: string): NameMention[] {
  const s = canonicalText(text);
  const out: NameMention[] = [];
  let i = 0;
  while (i < s.length) {
    WORD.lastIndex = i;
    const prev = i === 0 ? " " : (s[i - 1] as string);
    const m = /[\s("'\u2014-]/.test(prev) || i === 0 ? WORD.exec(s) : null;
    if (!m) {
      i++;
      continue;
    }
    const words: { text: string; start: number; end: number }[] = [];
    let pos = i;
    for (;;) {
      WORD.lastIndex = pos;
      const w = WORD.exec(s);
      if (!w) break;
      words.push({ text: w[0], start: pos, end: pos + w[0].length });
      pos += w[0].length;
      if (w[0].endsWith(".") && w[0].length > 2) break;
      const gap = /^ (?:(of(?: the)?|de|da|van|von|bin|al|la|le|du) )?/.exec(s.slice(pos));
      if (!gap || gap[0] === "") break;
      const after = s.slice(pos + gap[0].length, pos + gap[0].length + 1);
      if (!/[A-Z]/.test(after)) break;
      if (gap[1]) words.push({ text: gap[1], start: pos + 1, end: pos + 1 + gap[1].length });
      pos += gap[0].length;
    }
    while (
      words.length > 0 &&
      (LEADING_NOISE.has(stripDot(words[0]?.text ?? "")) || CONNECTORS.has(words[0]?.text ?? ""))
    )
      words.shift();
    while (words.length > 0 && CONNECTORS.has(words.at(-1)?.text ?? "")) words.pop();
    if (words.length >= 2) {
      const first = words[0];
      const last = words.at(-1);
      // "North Korea's" is North Korea.
      const name =
        first && last ? s.slice(first.start, last.end).replace(/\.$/, "").replace(/'s?$/, "") : "";
      if (first && last && name.includes(" "))
        out.push({ name, start: first.start, end: last.end });
    }
    i = Math.max(pos, i + 1);
  }
  return out;
}

function stripDot(w: string): string {
  return w.replace(/\.$/, "");
}
