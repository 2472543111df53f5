/**
 * Citation markers in story bodies: `[n]` (one or more, `[1][3]`) at the end of the sentence
 * they support, before its full stop or right after it, where `n` is a 1-based position in
 * the story's sources list. Shared by the drafting pipeline (which writes and validates
 * them), the claim checks and the public page (which turns them into links).
 */

const MARKER = /\[(\d{1,3})\]/g;
/** A sentence ends at terminal punctuation (markers may sit on either side of it). */
const SENTENCE_END = /(?:\[\d{1,3}\])*[.!?。！？]["”’)]*(?:\[\d{1,3}\])*(?=\s|$)/g;
/** Words whose full stop does not end a sentence. */
const ABBREVIATIONS =
  /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|St|No|Gen|Sen|Rep|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|e\.g|i\.e|[A-Z](?:\.[A-Z])*)$/;

export interface MarkedSentence {
  /** The sentence as written, markers included. */
  text: string;
  /** Citation numbers in order of appearance, without repeats. */
  citations: number[];
}

/** Every `[n]` number in a text, in order, without repeats. */
export function citationNumbers(text: string): number[] {
  const seen: number[] = [];
  for (const m of text.matchAll(MARKER)) {
    const n = Number(m[1]);
    if (!seen.includes(n)) seen.push(n);
  }
  return seen;
}

/** Removes the markers (for plain text: word counts, feeds, search). */
export function stripCitationMarkers(text: string): string {
  return text.replace(/\s?(?:\[\d{1,3}\])+/g, "");
}

/**
 * Splits Markdown prose into sentences with their markers. Headings and blank lines separate
 * paragraphs; a full stop after an abbreviation or an initial ("U.S.", "Mr.") does not end
 * a sentence.
 */
export function splitSentences(markdown: string): MarkedSentence[] {
  const sentences: MarkedSentence[] = [];
  for (const paragraph of markdown.split(/\n\s*\n|\n(?=#)/)) {
    const text = paragraph
      .replace(/^#+\s.*$/gm, "")
      .replace(/\s+/g, " ")
      .trim();
    if (!text) continue;
    let start = 0;
    for (const m of text.matchAll(SENTENCE_END)) {
      const end = (m.index ?? 0) + m[0].length;
      const before = text.slice(start, m.index ?? 0);
      if (/[.]$/.test(m[0].replace(/(?:\[\d+\])+$/, "")) && ABBREVIATIONS.test(before)) {
        // "U.S." or "Mr." followed by more words: not the end unless markers say so.
        if (!/\[\d+\]/.test(m[0])) continue;
      }
      push(sentences, text.slice(start, end));
      start = end;
    }
    push(sentences, text.slice(start));
  }
  return sentences;
}

function push(into: MarkedSentence[], raw: string) {
  const text = raw.trim();
  if (!text) return;
  into.push({ text, citations: citationNumbers(text) });
}

/**
 * Writes one sentence with its markers: before a closing full stop ("… said[1]."), or after
 * the punctuation when a quote closes the sentence ("… “yes.”[1]").
 */
export function withMarkers(sentence: string, citations: number[]): string {
  const text = sentence.trim();
  const markers = [...new Set(citations)].map((n) => `[${n}]`).join("");
  const plainEnd = /^(.*?)([.!?])$/s.exec(text);
  if (plainEnd && !/["”’)]$/.test(plainEnd[1] ?? "")) {
    return `${plainEnd[1]}${markers}${plainEnd[2]}`;
  }
  if (/[.!?]["”’)]+$/.test(text)) return `${text}${markers}`;
  return `${text}${markers}.`;
}

export interface CitationProblem {
  sentence: string;
  problem: "uncited" | "out_of_range";
}

/** Sentences without a marker, and markers that point past the end of the sources list. */
export function citationProblems(markdown: string, sourceCount: number): CitationProblem[] {
  const problems: CitationProblem[] = [];
  for (const s of splitSentences(markdown)) {
    if (s.citations.length === 0) problems.push({ sentence: s.text, problem: "uncited" });
    else if (s.citations.some((n) => n < 1 || n > sourceCount)) {
      problems.push({ sentence: s.text, problem: "out_of_range" });
    }
  }
  return problems;
}

/**
 * Turns `[n]` markers in rendered (already sanitised) HTML into footnote links to
 * `#source-n`; markers past the end of the list are dropped, so none is ever shown raw.
 */
export function linkCitationMarkers(html: string, sourceCount: number): string {
  return html.replace(/\[(\d{1,3})\]/g, (_, digits: string) => {
    const n = Number(digits);
    if (n < 1 || n > sourceCount) return "";
    return `<sup class="cite"><a href="#source-${n}" aria-label="Source ${n}">${n}</a></sup>`;
  });
}
