import { canonicalText } from "./text-normalise.js";

/** One sentence of the article body with the citation numbers it carries. */
export interface ArticleSentence {
  index: number;
  /** As written, markers included. */
  text: string;
  /** Markers removed, whitespace collapsed. */
  plain: string;
  citations: number[];
  paragraph: number;
  /** Heading of the section the sentence is in; null in the lead. */
  section: string | null;
}

export interface ArticleParagraph {
  index: number;
  section: string | null;
  sentences: ArticleSentence[];
}

export interface ParsedBody {
  headings: string[];
  paragraphs: ArticleParagraph[];
  sentences: ArticleSentence[];
  wordCount: number;
}

// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof st sen rep gov gen lt col sgt capt jr sr inc ltd co corp no vs etc jan feb mar apr jun " +
    "jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun u.s u.k u.n e.g i.e a.m p.m approx dept est"
  ).split(" "),
);

const MARKER = /\[(\d{1,3})\]/g;

/**
 * Splits text into sentences at `.`, `!`, `?` (and `。！？`) followed by space and a capital,
 * quote or digit, keeping closing quotes and citation markers with the sentence they end.
 */
export function splitSentences(text: string): string[] {
  const s = canonicalText(text).replace(/\s+/g, " ").trim();
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if ("。！？".includes(ch)) {
      let end = i + 1;
      while (end < s.length && /["'）)\]」]/.test(s[end] as string)) end++;
      end = skipMarkers(s, end);
      out.push(s.slice(start, end).trim());
      start = end;
      i = end;
      continue;
    }
    if (ch === "." || ch === "!" || ch === "?") {
      let end = i + 1;
      while (end < s.length && /[.!?"')\]]/.test(s[end] as string) && s[end] !== "[") end++;
      end = skipMarkers(s, end);
      const next = s.slice(end).match(/^ +(\S)/);
      if (next?.[1] && /["'(A-Z0-9\u3400-\u9fff]/.test(next[1]) && !isAbbreviation(s, i)) {
        out.push(s.slice(start, end).trim());
        start = end;
        i = end;
        continue;
      }
      if (end >= s.length) break;
    }
    i++;
  }
  const rest = s.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter((x) => x !== "");
}

function skipMarkers(s: string, from: number): number {
  let end = from;
  for (;;) {
    const m = /^\s?\[\d{1,3}\]/.exec(s.slice(end));
    if (!m) break;
    end += m[0].length;
  }
  // A full stop after the markers (`… said [1].`) belongs to the same sentence.
  if (s[end] === "." && s[end - 1] === "]") end++;
  return end;
}

function isAbbreviation(s: string, dot: number): boolean {
  if (s[dot] !== ".") return false;
  const before = /([A-Za-z.]+)$/.exec(s.slice(0, dot));
  const word = before?.[1]?.toLowerCase() ?? "";
  if (word.length === 1) return true; // an initial: "Donald J. Trump"
  return ABBREVIATIONS.has(word);
}

export function citationsOf(sentence: string): number[] {
  const out: number[] = [];
  for (const m of sentence.matchAll(MARKER)) {
    const n = Number(m[1]);
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

export function stripMarkers(sentence: string): string {
  return sentence
    .replace(/\s*\[\d{1,3}\]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function stripMarkdown(line: string): string {
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\((?:[^)]*)\)/g, "$1")
    .replace(/(\*\*|__|\*|_|`)/g, "")
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/, "")
    .replace(/^\s*>\s?/, "");
}

/** Body Markdown → sections, paragraphs and numbered sentences. */
export function parseBody(body: string): ParsedBody {
  const headings: string[] = [];
  const paragraphs: ArticleParagraph[] = [];
  const sentences: ArticleSentence[] = [];
  let section: string | null = null;
  let buffer: string[] = [];
  let words = 0;
  const flush = () => {
    const text = buffer.join(" ").trim();
    buffer = [];
    if (!text) return;
    const paragraph: ArticleParagraph = { index: paragraphs.length, section, sentences: [] };
    for (const raw of splitSentences(text)) {
      const plain = stripMarkers(raw);
      if (!/[\p{L}\p{N}]/u.test(plain)) continue;
      const sentence: ArticleSentence = {
        index: sentences.length,
        text: raw,
        plain,
        citations: citationsOf(raw),
        paragraph: paragraph.index,
        section,
      };
      words += countWords(plain);
      sentences.push(sentence);
      paragraph.sentences.push(sentence);
    }
    if (paragraph.sentences.length > 0) paragraphs.push(paragraph);
  };
  for (const line of body.replace(/\r\n?/g, "\n").split("\n")) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading?.[1]) {
      flush();
      section = heading[1];
      headings.push(section);
      continue;
    }
    if (line.trim() === "") {
      flush();
      continue;
    }
    buffer.push(stripMarkdown(line));
  }
  flush();
  return { headings, paragraphs, sentences, wordCount: words };
}

export function countWords(text: string): number {
  const latin = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’\-.,]*/gu)?.length ?? 0;
  const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  return latin + Math.ceil(cjk / 2);
}
