import { attributionCheck } from "./attribution-check.js";
import { buildContext, type Check } from "./check-context.js";
import type { CheckFlag, CheckInput } from "./check-types.js";
import { citationCheck } from "./citation-check.js";
import { dateCheck } from "./date-check.js";
import { freshnessCheck } from "./freshness-check.js";
import { nameCheck } from "./name-check.js";
import { numberCheck } from "./number-check.js";
import { quoteCheck } from "./quote-check.js";
import type { ReferenceData } from "./reference-data.js";
import { relativeDateCheck } from "./relative-date-check.js";
import { structureCheck } from "./structure-check.js";
import { superlativeCheck } from "./superlative-check.js";
import { titleCheck } from "./title-check.js";

/** The ten checks that need no LLM, in the order their flags are listed. */
export const CHECKS: readonly Check[] = [
  citationCheck,
  numberCheck,
  dateCheck,
  quoteCheck,
  nameCheck,
  titleCheck,
  relativeDateCheck,
  superlativeCheck,
  attributionCheck,
  freshnessCheck,
  structureCheck,
];

/**
 * Runs every rule-based check on one article and its sources. Pure: no database, no clock,
 * no network, so the save command, the command line, the evaluation and the drafting
 * pipeline all get the same answer for the same input.
 */
export function checkArticle(input: CheckInput, reference: ReferenceData): CheckFlag[] {
  const ctx = buildContext(input, reference);
  const flags: CheckFlag[] = [];
  for (const check of CHECKS) flags.push(...check(ctx));
  return flags.sort((a, b) => a.sentenceIndex - b.sentenceIndex);
}
