import { type Check, evidenceFor, flag } from "./check-context.js";
import type { CheckFlag } from "./check-types.js";
import { dayNumber, findDates, isoDay } from "./date-extract.js";

/** Sources older than this many days do not carry a claim about the present by themselves. */
export const STALE_AFTER_DAYS = 30;

const PRESENT =
  /\b(currently|now|still|remains?|at present|to date|as of today|is (?:the|a|an|now|still|currently)|are (?:now|still|currently)|serves? as|holds? the|leads? the|heads? the|runs? the|continues? to)\b/i;
const PAST_CONTEXT = /\b(was|were|had|did|said|told|announced|became|met|signed|crossed)\b/i;

/**
 * Check 9: a sentence about the present ("is", "remains", "currently") whose cited sources are
 * all older than 30 days at publication may no longer be true; a warning, since old facts
 * can still hold.
 */
export const freshnessCheck: Check = (ctx) => {
  const flags: CheckFlag[] = [];
  const today = dayNumber(ctx.publishedDay.year, ctx.publishedDay.month, ctx.publishedDay.day);
  for (const sentence of ctx.body.sentences) {
    if (sentence.citations.length === 0) continue;
    if (!PRESENT.test(sentence.plain)) continue;
    // A sentence dated in the past, or told in the past tense, is not a claim about now.
    if (findDates(sentence.plain).length > 0 || /\b(?:19|20)\d{2}\b/.test(sentence.plain)) continue;
    if (
      PAST_CONTEXT.test(sentence.plain) &&
      !/\b(currently|now|still|remains?)\b/i.test(sentence.plain)
    )
      continue;
    const sources = evidenceFor(ctx, sentence);
    if (sources.length === 0) continue;
    const ages = sources.map((p) =>
      p.day ? today - dayNumber(p.day.year, p.day.month, p.day.day) : null,
    );
    if (ages.some((a) => a === null || a <= STALE_AFTER_DAYS)) continue;
    const newest = sources
      .map((p) => p.day)
      .filter((d) => d !== null)
      .map((d) => isoDay(d.year, d.month, d.day))
      .sort()
      .at(-1);
    flags.push(
      flag(
        "freshness",
        "warning",
        sentence,
        `Says how things are now, but its newest source is from ${newest} (over ${STALE_AFTER_DAYS} days before publication)`,
        sources
          .map((p) => `[${p.source.id}] ${p.source.outlet}, ${p.source.publishedAt ?? "undated"}`)
          .join("; "),
      ),
    );
  }
  return flags;
};
