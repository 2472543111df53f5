import { type Check, flag } from "./check-context.js";
import { findDates } from "./date-extract.js";
import { findNumbers } from "./number-normalise.js";

/**
 * Check 1: every sentence carries `[n]` markers and every marker points at a source of the
 * bundle. A sentence holding a figure, a date or a quote is an error without one; a plain
 * sentence (analysis, a transition) is a warning the editor may override.
 */
export const citationCheck: Check = (ctx) => {
  const flags = [];
  for (const sentence of ctx.body.sentences) {
    const missing = sentence.citations.filter((n) => !ctx.sources.has(n));
    if (missing.length > 0) {
      flags.push(
        flag(
          "uncited",
          "error",
          sentence,
          `Citation ${missing.map((n) => `[${n}]`).join("")} points at no source in the bundle`,
        ),
      );
      continue;
    }
    if (sentence.citations.length > 0) continue;
    const checkable =
      findNumbers(sentence.plain).length > 0 ||
      findDates(sentence.plain).length > 0 ||
      /["“”]/.test(sentence.plain);
    flags.push(
      flag(
        "uncited",
        checkable ? "error" : "warning",
        sentence,
        checkable
          ? "Sentence states a figure, date or quote without a citation"
          : "Sentence has no citation",
      ),
    );
  }
  return flags;
};
