/** The encodings a cached page is stored in, best first. */
export type PageEncoding = "br" | "gzip" | "identity";

const PREFERENCE: readonly PageEncoding[] = ["br", "gzip", "identity"];

/**
 * Picks the stored encoding a client accepts with the highest q-value (ties go to the
 * smaller variant: br, then gzip). `identity` is acceptable, after any coding the client
 * names, unless refused outright
 * (`identity;q=0`, or `*;q=0` without naming it); even then it is what we send, since
 * answering 406 to a page request helps nobody.
 */
export function chooseEncoding(header: string | undefined): PageEncoding {
  if (!header) return "identity";
  // Clients send a handful of distinct headers: parsing each on every cached hit was a few
  // microseconds and several allocations per request on the hot path.
  const known = chosen.get(header);
  if (known) return known;
  const encoding = parseChoice(header);
  if (chosen.size >= MEMO_LIMIT) chosen.clear();
  chosen.set(header, encoding);
  return encoding;
}

const MEMO_LIMIT = 256;
const chosen = new Map<string, PageEncoding>();

function parseChoice(header: string): PageEncoding {
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [rawName, ...params] = part.split(";");
    const name = rawName?.trim().toLowerCase();
    if (!name) continue;
    let weight = 1;
    for (const param of params) {
      const [key, value] = param.split("=");
      if (key?.trim().toLowerCase() === "q") {
        const parsed = Number(value?.trim());
        weight = Number.isFinite(parsed) ? Math.min(1, Math.max(0, parsed)) : 0;
      }
    }
    q.set(name, weight);
  }
  const star = q.get("*");
  const weightOf = (encoding: PageEncoding): number => {
    const named = q.get(encoding) ?? (encoding === "gzip" ? q.get("x-gzip") : undefined);
    if (named !== undefined) return named;
    if (star !== undefined) return star;
    // Unnamed identity stays acceptable, after any coding the client named.
    return encoding === "identity" ? 0.001 : 0;
  };
  let best: PageEncoding = "identity";
  let bestWeight = 0;
  for (const encoding of PREFERENCE) {
    const weight = weightOf(encoding);
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}
