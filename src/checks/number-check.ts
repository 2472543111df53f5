import { type Check, closestPassage, evidenceFor, flag } from "./check-context.js";
import type { CheckFlag } from "./check-types.js";
import { findDates } from "./date-extract.js";
import { findNumbers, numberSupported } from "./number-normalise.js";
import { contentWords } from "./text-normalise.js";

/**
 * Check 2 (figures): every number, percent, amount and ordinal in a sentence appears in the
 * text it cites, after normalisation. Numbers inside dates are the date check's.
 */
export const numberCheck: Check = (ctx) => {
  const flags: CheckFlag[] = [];
  for (const sentence of ctx.body.sentences) {
    const dates = findDates(sentence.plain);
    const inDate = (start: number, end: number) =>
      dates.some((d) => start < d.end && end > d.start);
    const sources = evidenceFor(ctx, sentence);
    if (sources.length === 0) continue;
    const sourceNumbers = sources.flatMap((p) => p.numbers);
    for (const mention of findNumbers(sentence.plain)) {
      if (inDate(mention.start, mention.end)) continue;
      // A bare year ("in 2019") is a date claim too, checked only as part of full dates.
      if (
        !mention.percent &&
        !mention.ordinal &&
        mention.value >= 1900 &&
        mention.value <= 2100 &&
        /^\d{4}$/.test(mention.text.trim())
      )
        continue;
      if (numberSupported(mention, sourceNumbers)) continue;
      flags.push(
        flag(
          "number",
          "error",
          sentence,
          `“${mention.text.trim()}” is not in the cited text`,
          closestPassage(sources, contentWords(sentence.plain)),
        ),
      );
    }
  }
  return flags;
};
