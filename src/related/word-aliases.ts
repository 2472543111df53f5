/**
 * Words that name one thing in several forms news outlets use ("GOP" and "Republicans",
 * "Dems" and "Democrats"): each maps to one index key, so differently framed reports of a
 * story meet on it. Kept short and general on purpose: an entry must hold in any story.
 * Keys are lower-case surface words; values are index keys as `tokenize` makes them.
 */
const ALIASES: Record<string, string> = {
  gop: "republican",
  republicans: "republican",
  dems: "democrat",
  dem: "democrat",
  democrats: "democrat",
  democratic: "democrat",
  potus: "president",
  scotus: "supreme",
  feds: "federal",
  obamacare: "aca",
  usa: "america",
  american: "america",
  americans: "america",
  uk: "britain",
  british: "britain",
  prc: "china",
  chinese: "china",
  russian: "russia",
  russians: "russia",
  iranian: "iran",
  israeli: "israel",
  israelis: "israel",
  mexican: "mexico",
  canadian: "canada",
  ukrainian: "ukraine",
  syrian: "syria",
  dprk: "korea",
  korean: "korea",
  palestinian: "palestine",
  palestinians: "palestine",
  gunman: "shooter",
  gunmen: "shooter",
  killed: "kill",
  slain: "kill",
  dead: "die",
  died: "die",
  deaths: "die",
  death: "die",
  teenager: "teen",
  teenage: "teen",
};

/**
 * Counts in words read as digits, so "three dead" meets "3 dead" (and "quintuple shooting"
 * "5 shot"). "One" stays a stop word: it is in every story.
 */
const COUNT_WORDS: Record<string, string> = {
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
  eleven: "11",
  twelve: "12",
  dozen: "12",
  double: "2",
  triple: "3",
  quadruple: "4",
  quintuple: "5",
};

const MAP = new Map(Object.entries({ ...ALIASES, ...COUNT_WORDS }));

/** The shared key of a lower-case word that has one, else undefined. */
export function aliasOf(word: string): string | undefined {
  return MAP.get(word);
}
