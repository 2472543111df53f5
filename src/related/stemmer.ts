/**
 * A light English suffix stripper, written for this project. It conflates the inflections
 * news text uses most (plural -s/-es/-ies, -ing, -ed, -ly, final -e/-y) so "shootings",
 * "shooting" and "shoot" meet, without the aggressive derivational rules of a full Porter
 * stemmer. Consistency matters more than linguistic correctness: the output is only a key.
 *
 * @example stem("robberies") === stem("robbery") // "robberi"
 */
const KEEP = new Set(["news", "bus", "gas", "yes", "this", "his", "has", "was", "its", "us"]);

function isVowel(ch: string | undefined): boolean {
  return ch === "a" || ch === "e" || ch === "i" || ch === "o" || ch === "u";
}

function hasVowel(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isVowel(s[i]) || s[i] === "y") return true;
  return false;
}

function undouble(s: string): string {
  const last = s[s.length - 1];
  if (s.length > 3 && last === s[s.length - 2] && last !== undefined && !"aeiouslz".includes(last))
    return s.slice(0, -1);
  return s;
}

export function stem(word: string): string {
  if (word.length <= 3 || KEEP.has(word) || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}i`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("es") && /(?:ch|sh|x|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);

  if (w.endsWith("ing") && w.length > 5 && hasVowel(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith("ied") && w.length > 4) w = `${w.slice(0, -3)}i`;
  else if (w.endsWith("ed") && w.length > 4 && hasVowel(w.slice(0, -2)))
    w = undouble(w.slice(0, -2));
  else if (w.endsWith("ly") && w.length > 5) w = w.slice(0, -2);

  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  else if (w.length > 3 && w.endsWith("y") && !isVowel(w[w.length - 2])) w = `${w.slice(0, -1)}i`;
  return w;
}
