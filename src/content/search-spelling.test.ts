import { describe, expect, it } from "vitest";
import { spellingVariants } from "./search-spelling.js";

/** [British, American]: each must find the other. */
const PAIRS: [string, string][] = [
  ["denuclearisation", "denuclearization"],
  ["organise", "organize"],
  ["organisations", "organizations"],
  ["criticised", "criticized"],
  ["recognising", "recognizing"],
  ["analyse", "analyze"],
  ["paralysed", "paralyzed"],
  ["colour", "color"],
  ["colours", "colors"],
  ["honourable", "honorable"],
  ["neighbourhood", "neighborhood"],
  ["favourite", "favorite"],
  ["labour", "labor"],
  ["harbour", "harbor"],
  ["behavioural", "behavioral"],
  ["centre", "center"],
  ["centred", "centered"],
  ["theatres", "theaters"],
  ["kilometres", "kilometers"],
  ["fibre", "fiber"],
  ["catalogue", "catalog"],
  ["dialogues", "dialogs"],
  ["catalogued", "cataloged"],
  ["travelled", "traveled"],
  ["travellers", "travelers"],
  ["cancelling", "canceling"],
  ["labelled", "labeled"],
  ["modelling", "modeling"],
  ["signalled", "signaled"],
  ["counsellor", "counselor"],
  ["fuelled", "fueled"],
  ["jewellery", "jewelry"],
  ["defence", "defense"],
  ["offences", "offenses"],
  ["programme", "program"],
  ["grey", "gray"],
  ["judgement", "judgment"],
  ["enrolment", "enrollment"],
  ["fulfil", "fulfill"],
  ["sceptical", "skeptical"],
  ["manoeuvre", "maneuver"],
];

/** Words a careless rule would respell into something else (or into nonsense). */
const LEFT_ALONE = [
  // -ise that is -ise in American English too, and short -ise/-ize words
  "rise",
  "wise",
  "otherwise",
  "promise",
  "promised",
  "exercise",
  "advertising",
  "surprised",
  "compromise",
  "enterprise",
  "televised",
  "raise",
  "praised",
  "noise",
  "cruiser",
  "crises",
  "size",
  "downsize",
  "seize",
  "prize",
  "sunrise",
  // -our that is not a spelling difference, and -or words
  "four",
  "hour",
  "your",
  "tour",
  "pour",
  "detour",
  "humorous",
  "rigorous",
  "laboratory",
  "honorary",
  "doctor",
  "actor",
  "error",
  "motor",
  // -re/-er that is not a spelling difference
  "more",
  "there",
  "genre",
  "massacre",
  "parameter",
  "diameter",
  "water",
  "literal",
  "literature",
  // -l-/-ll- that is the same on both sides
  "compelled",
  "controlled",
  "installed",
  "recalled",
  "called",
  "filled",
  "killed",
  "spelled",
  "smaller",
  "appealed",
  "revealed",
  "dealer",
  "misspelled",
  "bestseller",
  "retelling",
  "unparalleled",
  "excelled",
  // short words and other words
  "tire",
  "the",
  "president",
  "police",
  "trump",
];

describe("spellingVariants", () => {
  it.each(PAIRS)("%s ↔ %s", (british, american) => {
    expect(spellingVariants(british)).toContain(american);
    expect(spellingVariants(american)).toContain(british);
  });

  it("leaves words alone that have one spelling", () => {
    const mangled = LEFT_ALONE.filter((word) => spellingVariants(word).length > 0).map(
      (word) => `${word} → ${spellingVariants(word).join(", ")}`,
    );
    expect(mangled).toEqual([]);
  });

  it("reads any case and ignores what is not a plain word", () => {
    expect(spellingVariants("Colour")).toEqual(["color"]);
    expect(spellingVariants("colour2")).toEqual([]);
    expect(spellingVariants("")).toEqual([]);
  });
});
