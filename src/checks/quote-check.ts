import { type Check, closestPassage, evidenceFor, flag } from "./check-context.js";
import type { CheckFlag } from "./check-types.js";
import { canonicalText, contentWords, looseText } from "./text-normalise.js";

/** Text between double quotes (straight or curly), at least two characters. */
export function findQuotes(text: string): string[] {
  const out: string[] = [];
  for (const m of canonicalText(text).matchAll(/"([^"]{2,})"/g)) out.push(m[1] ?? "");
  return out;
}

/** Pieces a quote must contain in order: ellipses and [bracketed insertions] split it. */
function quoteParts(quote: string): string[] {
  return quote
    .split(/\.\.\.|…|\[[^\]]*\]/)
    .map((p) => looseText(p))
    .filter((p) => p !== "");
}

export function quoteInText(quote: string, sourceLoose: string): boolean {
  const parts = quoteParts(quote);
  if (parts.length === 0) return true;
  let from = 0;
  const hay = ` ${sourceLoose} `;
  for (const part of parts) {
    const at = hay.indexOf(` ${part} `, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

/** Check 3: quoted words appear verbatim (case, spacing and punctuation aside) in a cited source. */
export const quoteCheck: Check = (ctx) => {
  const flags: CheckFlag[] = [];
  for (const sentence of ctx.body.sentences) {
    const quotes = findQuotes(sentence.plain);
    if (quotes.length === 0) continue;
    const sources = evidenceFor(ctx, sentence);
    if (sources.length === 0) continue;
    for (const quote of quotes) {
      if (sources.some((p) => quoteInText(quote, p.loose))) continue;
      flags.push(
        flag(
          "quote",
          "error",
          sentence,
          `The quote “${quote}” is not verbatim in the cited text`,
          closestPassage(sources, contentWords(quote)),
        ),
      );
    }
  }
  return flags;
};
