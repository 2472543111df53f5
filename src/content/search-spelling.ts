/**
 * British and American spellings of one word, so "denuclearization" finds
 * "denuclearisation" and "colour" finds "color". A few regular patterns, each guarded, and
 * lists for the words a pattern cannot judge (stress decides "travelled" but not
 * "compelled"; "-our" is a spelling only in a known set of words). Only ever adds
 * alternatives to a query; the reader's own spelling is always searched as well.
 */

/** Words ending in -ise that are spelt so in American English too (and their forms). */
const ISE_ONLY = new Set(
  [
    "advertise advise apprise arise chastise circumcise comprise compromise concise demise",
    "despise devise disguise enfranchise enterprise excise exercise expertise franchise",
    "improvise incise merchandise otherwise paradise precise premise promise raise praise",
    "reprise revise rise supervise surmise surprise televise treatise wise noise poise",
    "cruise bruise anise valise chemise mortise porpoise tortoise turquoise likewise",
    "clockwise guise cerise sunrise moonrise uprise",
  ]
    .join(" ")
    .split(" "),
);

/** Words ending in -ize with no British -ise form. */
const IZE_ONLY = new Set("size seize prize capsize maize baize".split(" "));

/** Stems of -our words (British) whose American form drops the u. */
const OUR_STEMS =
  "arbo ardo armo behavio cando clamo colo demeano endeavo favo fervo flavo glamo harbo hono humo labo neighbo odo parlo ranco rigo rumo savio savo splendo succo tumo valo vapo vigo".split(
    " ",
  );
/** Endings after -our/-or that keep the difference ("humorous" is American and British). */
const OUR_TAILS = [
  "",
  "s",
  "ed",
  "ing",
  "er",
  "ers",
  "ful",
  "fully",
  "ite",
  "ites",
  "able",
  "ably",
  "less",
  "hood",
  "hoods",
  "al",
  "ally",
  "ism",
  "ist",
  "ists",
  "y",
  "ly",
];

/** British -re words whose American form ends in -er. */
const RE_STEMS =
  "cent theat met lit fib calib somb spect lust meag sab sepulch kilomet centimet millimet micromet nanomet millilit centilit decilit".split(
    " ",
  );

/** -ogue words (British) with an American -og form. */
const OGUE_STEMS = "catal dial anal monol prol epil travel".split(" ");

/**
 * Bases ending in -el/-al whose l doubles in American English too: stressed at the end
 * (compel, rebel) or a compound of a one-syllable word (resell, retell, misspell).
 */
const STRESSED_L = new Set(
  "compel expel repel propel dispel impel excel rebel recal instal enthral forestal befal appal parallel unparallel resel oversel outsel upsel bestsel retel foretel misspel hotel motel".split(
    " ",
  ),
);
/** -el/-al bases after a vowel that still double in British forms: "fuelled", "dialled". */
const VOWEL_L = new Set("fuel duel dial trial vial equal".split(" "));

/** Pairs no pattern covers: British, American. Plurals with -s are matched as well. */
const PAIRS: [string, string][] = [
  ["defence", "defense"],
  ["offence", "offense"],
  ["pretence", "pretense"],
  ["licence", "license"],
  ["programme", "program"],
  ["grey", "gray"],
  ["aluminium", "aluminum"],
  ["plough", "plow"],
  ["mould", "mold"],
  ["smoulder", "smolder"],
  ["ageing", "aging"],
  ["judgement", "judgment"],
  ["acknowledgement", "acknowledgment"],
  ["manoeuvre", "maneuver"],
  ["paediatric", "pediatric"],
  ["anaemia", "anemia"],
  ["anaesthetic", "anesthetic"],
  ["oestrogen", "estrogen"],
  ["foetus", "fetus"],
  ["haemorrhage", "hemorrhage"],
  ["leukaemia", "leukemia"],
  ["diarrhoea", "diarrhea"],
  ["encyclopaedia", "encyclopedia"],
  ["sceptic", "skeptic"],
  ["sceptical", "skeptical"],
  ["scepticism", "skepticism"],
  ["pyjamas", "pajamas"],
  ["cosy", "cozy"],
  ["artefact", "artifact"],
  ["jewellery", "jewelry"],
  ["woollen", "woolen"],
  ["mediaeval", "medieval"],
  ["enrol", "enroll"],
  ["enrolment", "enrollment"],
  ["fulfil", "fulfill"],
  ["fulfilment", "fulfillment"],
  ["instalment", "installment"],
  ["skilful", "skillful"],
  ["wilful", "willful"],
  ["distil", "distill"],
  ["instil", "instill"],
  ["enthral", "enthrall"],
  ["appal", "appall"],
  ["kerbside", "curbside"],
  ["tyre", "tire"],
];

const PAIR_LOOKUP = new Map<string, string>();
for (const [british, american] of PAIRS) {
  for (const [a, b] of [
    [british, american],
    [american, british],
  ] as const) {
    PAIR_LOOKUP.set(a, b);
    PAIR_LOOKUP.set(`${a}s`, `${b}s`);
  }
}
// "tire" (to tire, tired) is far more often the verb: only the British "tyre" widens.
PAIR_LOOKUP.delete("tire");
PAIR_LOOKUP.delete("tires");

const ISE_TAILS = ["e", "ed", "es", "ing", "ation", "ations", "er", "ers", "able"];

const VOWEL_GROUPS = /[aeiouy]+/g;
const syllables = (word: string) => word.match(VOWEL_GROUPS)?.length ?? 0;

/** The other spellings of `word` (lowercase, letters only), none when it has none. */
export function spellingVariants(input: string): string[] {
  const word = input.toLowerCase();
  if (!/^[a-z]{4,}$/.test(word)) return [];
  const found = new Set<string>();
  const pair = PAIR_LOOKUP.get(word);
  if (pair) found.add(pair);
  for (const variant of [iseIze(word), ourOr(word), reEr(word), ogueOg(word), doubleL(word)])
    if (variant && variant !== word) found.add(variant);
  return [...found];
}

/** organise ↔ organize, analyse ↔ analyze, with their forms (organisation, analysing…). */
function iseIze(word: string): string | undefined {
  for (const tail of ISE_TAILS) {
    for (const [from, to, only] of [
      ["is", "iz", ISE_ONLY],
      ["iz", "is", IZE_ONLY],
      ["ys", "yz", undefined],
      ["yz", "ys", undefined],
    ] as const) {
      if (!word.endsWith(from + tail)) continue;
      const stem = word.slice(0, word.length - from.length - tail.length);
      // Short stems are whole other words: rise, wise, size, noise.
      if (stem.length < 3) continue;
      const base = `${stem}${from}e`;
      if (only?.has(base) || base.endsWith("wise") || base.endsWith("size")) return undefined;
      return `${stem}${to}${tail}`;
    }
  }
  return undefined;
}

/** colour ↔ color, honourable ↔ honorable: only the known stems. */
function ourOr(word: string): string | undefined {
  for (const stem of OUR_STEMS) {
    if (!word.startsWith(stem)) continue;
    const rest = word.slice(stem.length);
    for (const tail of OUR_TAILS) {
      if (rest === `ur${tail}`) return `${stem}r${tail}`;
      if (rest === `r${tail}`) return `${stem}ur${tail}`;
    }
  }
  return undefined;
}

/** centre ↔ center, centres ↔ centers, centred ↔ centered. */
function reEr(word: string): string | undefined {
  for (const stem of RE_STEMS) {
    if (!word.startsWith(stem)) continue;
    const rest = word.slice(stem.length);
    const british = { re: "er", res: "ers", red: "ered", ring: "ering" } as const;
    for (const [b, a] of Object.entries(british)) {
      if (rest === b) return stem + a;
      if (rest === a) return stem + b;
    }
  }
  return undefined;
}

/** catalogue ↔ catalog, catalogued ↔ cataloged. */
function ogueOg(word: string): string | undefined {
  for (const stem of OGUE_STEMS) {
    if (!word.startsWith(stem)) continue;
    const rest = word.slice(stem.length);
    for (const [b, a] of [
      ["ogue", "og"],
      ["ogues", "ogs"],
      ["ogued", "oged"],
      ["oguing", "oging"],
    ] as const) {
      if (rest === b) return stem + a;
      if (rest === a) return stem + b;
    }
  }
  return undefined;
}

/**
 * travelled ↔ traveled, cancelling ↔ canceling, traveller ↔ traveler: an unstressed final
 * -el/-al doubles its l in British forms. Stress cannot be read from letters, so bases
 * stressed at the end (compel, rebel) are listed; one-syllable bases (spell, small) and
 * vowel pairs (appeal, wheel) are left alone.
 */
function doubleL(word: string): string | undefined {
  const match = /^(.*[ea]l)(l?)(ed|ing|er|ers|or|ors)$/.exec(word);
  if (!match) return undefined;
  const [, base = "", extra, tail = ""] = match;
  if (STRESSED_L.has(base)) return undefined;
  if (!VOWEL_L.has(base) && (syllables(base) < 2 || /[aeiou][ea]l$/.test(base))) return undefined;
  return extra ? `${base}${tail}` : `${base}l${tail}`;
}
