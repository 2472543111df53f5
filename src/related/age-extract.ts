/**
 * Ages of the people a text names: "a 17-year-old", "Kelly Boren, 32, …", "age 55",
 * "(34)". Reports of one incident give its victims' and suspects' ages; two incidents of
 * one kind seldom share them. Only 1–110 counts; a year or a sum is no age.
 *
 * @example extractAges("Kelly Boren, 32, and a 7-year-old boy") // [7, 32]
 */
const PATTERNS = [
  /\b(\d{1,3})[- ]years?[- ]old\b/gi,
  /\bage[sd]? (\d{1,3})\b/gi,
  // A capitalised name, then ", 32," or ", 32 of" / ", 32 and": the usual way news gives an age.
  /\p{Lu}[\p{L}'’-]+,\s(\d{1,3})(?=[,;)]|\s(?:of|and|was|were|is|who)\b)/gu,
  /\p{Lu}[\p{L}'’-]+\s\((\d{1,3})\)/gu,
];

export function extractAges(text: string): number[] {
  const ages = new Set<number>();
  for (const pattern of PATTERNS)
    for (const m of text.matchAll(pattern)) {
      const age = Number(m[1]);
      if (age >= 1 && age <= 110) ages.add(age);
    }
  return [...ages].sort((a, b) => a - b);
}
