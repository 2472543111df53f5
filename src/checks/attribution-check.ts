import {
  type Check,
  type CheckContext,
  evidenceFor,
  flag,
  type PreparedSource,
} from "./check-context.js";
import type { CheckFlag } from "./check-types.js";
import { canonicalText, containsPhrase, looseText } from "./text-normalise.js";

const OUTLET_WORDS =
  /\b(News|Agency|Times|Post|Daily|Press|Herald|Tribune|Journal|Television|TV|Radio|Broadcasting|Network|Gazette|Telegraph|Guardian|Reuters|Bloomberg|Xinhua|Yonhap|KCNA|CCTV|CGTN|BBC|CNN|AP|AFP|Kyodo|NHK|Caixin|Weibo)\b/;

const SAY =
  "(?:said|says|told|reported|reports|announced|stated|wrote|added|noted|quoted|cited|confirmed|claimed)";
const SUBJECT = "((?:the\\s+)?(?:[A-Z][\\p{L}'’&.-]*\\s?){1,5})";
const PATTERNS = [
  new RegExp(
    `\\b[Aa]ccording to (?:a |an |the )?(?:report|statement|dispatch|article|story)?\\s*(?:by |from |in |of )?${SUBJECT}`,
    "gu",
  ),
  new RegExp(`${SUBJECT},?\\s+${SAY}\\b`, "gu"),
  new RegExp(`\\b${SAY}\\s+${SUBJECT}`, "gu"),
  /\([A-Z][\p{L}]+\)/gu,
];

/** Outlet spellings known for a source: its outlet field, the reference table's name and domain, the URL host. */
function outletForms(ctx: CheckContext, p: PreparedSource): string[] {
  const forms = new Set<string>([looseText(p.source.outlet)]);
  let host = "";
  try {
    host = p.source.url ? new URL(p.source.url).hostname.replace(/^www\./, "") : "";
  } catch {
    host = "";
  }
  for (const o of ctx.reference.outlets) {
    const name = looseText(o.name);
    if (
      name === looseText(p.source.outlet) ||
      (host && (host === o.domain || host.endsWith(`.${o.domain}`)))
    ) {
      forms.add(name);
      forms.add(looseText(o.domain.split(".")[0] ?? ""));
    }
  }
  if (host) forms.add(looseText(host.split(".").at(-2) ?? ""));
  return [...forms].filter((f) => f !== "");
}

function isOutlet(ctx: CheckContext, subject: string): boolean {
  const loose = looseText(subject);
  if (
    ctx.reference.outlets.some(
      (o) => looseText(o.name) === loose || looseText(o.name).startsWith(`${loose} `),
    )
  )
    return true;
  return OUTLET_WORDS.test(subject);
}

/** An outlet named in a sentence matches a cited source's outlet (first words of either suffice). */
function outletMatches(subject: string, forms: string[]): boolean {
  const s = looseText(subject).replace(/^the /, "");
  return forms.some(
    (f) =>
      f === s ||
      f.startsWith(`${s} `) ||
      s.startsWith(`${f} `) ||
      containsPhrase(s, f) ||
      containsPhrase(f, s),
  );
}

/**
 * Check 8: "Xinhua reported", "according to Reuters", "(AP)" and a dateline name an outlet
 * that is among the sources the sentence cites; "Kim told reporters" names a speaker the
 * cited text mentions.
 */
export const attributionCheck: Check = (ctx) => {
  const flags: CheckFlag[] = [];
  const dateline =
    ctx.input.dateline ??
    /^\s*([A-Z][A-Z .'-]{2,})(?:,\s*[A-Za-z. ]+)?\s*(?:—|–|--)\s/.exec(ctx.input.body)?.[1]?.trim();
  if (dateline) {
    const city = looseText(dateline);
    const spellings = ctx.aliasGroups.get(city) ?? [city];
    const found = ctx.all.some((p) => spellings.some((s) => containsPhrase(p.loose, s)));
    if (!found) {
      flags.push(
        flag(
          "attribution",
          "error",
          ctx.body.sentences[0] ?? null,
          `Dateline “${dateline}” is not a place any source reports from`,
        ),
      );
    }
  }
  for (const sentence of ctx.body.sentences) {
    const sources = evidenceFor(ctx, sentence);
    if (sources.length === 0) continue;
    const text = canonicalText(sentence.plain);
    const seen = new Set<string>();
    for (const pattern of PATTERNS) {
      for (const m of text.matchAll(pattern)) {
        const subject = (m[1] ?? m[0].slice(1, -1)).trim().replace(/[,.]$/, "");
        const key = looseText(subject);
        if (!key || seen.has(key)) continue;
        seen.add(key);
        if (
          /^(the )?(he|she|they|it|officials?|aides?|sources?|reporters?|analysts?|experts?|state media|the ministry)$/i.test(
            subject,
          )
        )
          continue;
        if (sources.some((p) => outletMatches(subject, outletForms(ctx, p)))) continue;
        if (isOutlet(ctx, subject)) {
          if (sources.some((p) => outletMatches(subject, outletForms(ctx, p)))) continue;
          flags.push(
            flag(
              "attribution",
              "error",
              sentence,
              `Attributed to ${subject}, but no cited source is from that outlet`,
              sources.map((p) => `[${p.source.id}] ${p.source.outlet}`).join("; "),
            ),
          );
        } else if (
          /^[A-Z]/.test(subject) &&
          !/^(The|A|An|In|On|At|But|And|When|While)$/.test(subject)
        ) {
          // A person or body: its last name word must be in the cited text.
          const words = key
            .split(" ")
            .filter(
              (w) =>
                w.length > 1 &&
                ![
                  "the",
                  "president",
                  "former",
                  "minister",
                  "spokesman",
                  "spokeswoman",
                  "spokesperson",
                ].includes(w),
            );
          if (words.length === 0) continue;
          const groups = ctx.aliasGroups.get(key) ?? [key];
          const found = sources.some(
            (p) =>
              groups.some((g) => containsPhrase(p.loose, g)) ||
              words.some((w) => containsPhrase(p.loose, w)),
          );
          if (found) continue;
          flags.push(
            flag(
              "attribution",
              "error",
              sentence,
              `Attributed to ${subject}, who is not in the cited text`,
            ),
          );
        }
      }
    }
  }
  return flags;
};
