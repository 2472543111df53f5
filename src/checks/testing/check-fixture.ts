import { buildContext, type Check } from "../check-context.js";
import type { CheckFlag, CheckSource } from "../check-types.js";
import { EMPTY_REFERENCE, type ReferenceData } from "../reference-data.js";
import { seedReferenceData } from "../reference-seed-data.js";

/** Runs one check on a small article: body with `[n]` markers and its sources. */
export function runCheck(
  check: Check,
  body: string,
  sources: Partial<CheckSource>[],
  options: {
    publishedAt?: string;
    dek?: string | null;
    headline?: string;
    reference?: ReferenceData;
    dateline?: string;
  } = {},
): CheckFlag[] {
  return check(
    buildContext(
      {
        headline: options.headline ?? "A headline",
        dek: options.dek === undefined ? "A dek" : options.dek,
        publishedAt: options.publishedAt ?? "2025-08-26T12:00:00+08:00",
        timeZone: "Asia/Shanghai",
        ...(options.dateline ? { dateline: options.dateline } : {}),
        body,
        sources: sources.map((s, i) => ({
          id: i + 1,
          outlet: "",
          publishedAt: null,
          text: "",
          ...s,
        })),
      },
      options.reference ?? EMPTY_REFERENCE,
    ),
  );
}

export const seed = seedReferenceData;
