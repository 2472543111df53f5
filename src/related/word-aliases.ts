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

const MAP = new Map(Object.entries(ALIASES));

/** The shared key of a lower-case word that has one, else undefined. */
export function aliasOf(word: string): string | undefined {
  return MAP.get(word);
}
