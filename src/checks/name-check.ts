import { pinyin } from "pinyin-pro";
import {
  type Check,
  type CheckContext,
  evidenceFor,
  flag,
  type PreparedSource,
} from "./check-context.js";
import type { CheckFlag } from "./check-types.js";
import { findNames } from "./name-extract.js";
import { containsPhrase, looseText } from "./text-normalise.js";

/** Names of places and bodies every reader knows, which a source need not spell out. */
const COMMON_NAMES = new Set(
  [
    "united states",
    "united kingdom",
    "united nations",
    "european union",
    "north korea",
    "south korea",
    "hong kong",
    "new york",
    "new zealand",
    "saudi arabia",
    "south africa",
    "south china sea",
    "east china sea",
    "middle east",
    "white house",
    "oval office",
    "state department",
    "pentagon",
    "kremlin",
    "communist party",
    "security council",
    "national security council",
    "korean peninsula",
    "asia pacific",
    "southeast asia",
    "east asia",
    "taiwan strait",
    "world war",
    "world war ii",
    "cold war",
    "u s",
    "u k",
    "u n",
  ].map((n) => looseText(n)),
);

const pinyinCache = new WeakMap<PreparedSource, string>();

/** The source's Chinese characters as toneless pinyin, so "Li Qiang" is found in "李强". */
function pinyinOf(p: PreparedSource): string {
  let cached = pinyinCache.get(p);
  if (cached === undefined) {
    cached = /[\u3400-\u9fff]/.test(p.source.text)
      ? looseText(
          pinyin(p.source.text, { toneType: "none", type: "array", nonZh: "consecutive" }).join(
            " ",
          ),
        )
      : "";
    pinyinCache.set(p, cached);
  }
  return cached;
}

function pinyinForms(loose: string): string[] {
  // "Jinping" vs "jin ping": compare with and without spaces between syllables.
  return [loose];
}

export function nameFound(
  ctx: CheckContext,
  name: string,
  sources: readonly PreparedSource[],
): boolean {
  const loose = looseText(name);
  if (COMMON_NAMES.has(loose)) return true;
  const spellings = ctx.aliasGroups.get(loose) ?? [loose];
  if (ctx.reference.outlets.some((o) => looseText(o.name) === loose)) return true;
  for (const p of sources) {
    if (
      looseText(p.source.outlet) === loose ||
      (p.source.title && containsPhrase(looseText(p.source.title), loose))
    )
      return true;
    for (const spelling of spellings) if (containsPhrase(p.loose, spelling)) return true;
    const py = pinyinOf(p);
    if (py) {
      const joined = py.replace(/ /g, "");
      for (const form of pinyinForms(loose))
        if (joined.includes(form.replace(/ /g, ""))) return true;
    }
  }
  // A possessive or plural of a known name, or the name with a trailing common word ("Kim Jong-un's").
  const words = loose.split(" ");
  if (words.length > 2) {
    const shorter = words.slice(0, -1).join(" ");
    if (ctx.aliasGroups.has(shorter) && sources.some((p) => containsPhrase(p.loose, shorter)))
      return true;
  }
  return false;
}

/** Check 4: multi-word proper names appear in the cited text or in the alias table's spellings. */
export const nameCheck: Check = (ctx) => {
  const flags: CheckFlag[] = [];
  for (const sentence of ctx.body.sentences) {
    const sources = evidenceFor(ctx, sentence);
    if (sources.length === 0) continue;
    const seen = new Set<string>();
    for (const mention of findNames(sentence.plain)) {
      const key = looseText(mention.name);
      if (seen.has(key)) continue;
      seen.add(key);
      if (nameFound(ctx, mention.name, sources)) continue;
      const elsewhere = sentence.citations.length > 0 && nameFound(ctx, mention.name, ctx.all);
      flags.push(
        flag(
          "name",
          elsewhere ? "info" : "error",
          sentence,
          elsewhere
            ? `“${mention.name}” is in the bundle but not in the sources this sentence cites`
            : `“${mention.name}” is not in the cited text or the alias table`,
        ),
      );
    }
  }
  return flags;
};
