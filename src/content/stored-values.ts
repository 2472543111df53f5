import { z } from "zod";
import { isKnownTimeZone } from "../core/time-zone.js";
import type { SectionInput } from "./article-input.js";

/**
 * Readers of stored article values. Input is validated on the way in, but a row can still
 * hold something the renderer cannot use (an older build, a hand edit, a restored backup,
 * an ICU update that drops a zone). One such value must cost at most its own field: these
 * turn it into a safe stand-in instead of letting `Intl` or `JSON.parse` throw mid-page.
 */

/** Zone used when a stored zone is unknown: unambiguous, and always present in ICU. */
export const FALLBACK_TIME_ZONE = "UTC";

export function readableZone(zone: string | null | undefined): string {
  return zone && isKnownTimeZone(zone) ? zone : FALLBACK_TIME_ZONE;
}

/** The first of the candidates that is a real instant, as UTC ISO; the epoch if none is. */
export function readableInstant(...candidates: (string | null | undefined)[]): string {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const time = Date.parse(candidate);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  return new Date(0).toISOString();
}

/** An http(s) image URL as stored, or "" when it is anything else. */
export function readableImageUrl(url: string | null | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters disqualify the URL
  if (!url || /[\u0000-\u0020\u007f]/.test(url) || !URL.canParse(url)) return "";
  const protocol = new URL(url).protocol;
  return protocol === "https:" || protocol === "http:" ? url : "";
}

const storedSections = z.array(z.object({ heading: z.string(), body: z.string() }));

/** The stored sections JSON, or no sections when it cannot be read. */
export function readableSections(json: string): SectionInput[] {
  try {
    const parsed = storedSections.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
