import { describe, expect, it } from "vitest";
import { nameCheck } from "./name-check.js";
import { findNames } from "./name-extract.js";
import { runCheck, seed } from "./testing/check-fixture.js";

describe("name check", () => {
  it("extracts multi-word names without leading function words or possessives", () => {
    expect(
      findNames(
        "In Hanoi, Kim Jong-un met North Korea's envoys at the Workers' Party of Korea office.",
      ).map((n) => n.name),
    ).toEqual(["Kim Jong-un", "North Korea", "Workers' Party of Korea"]);
  });
  it("finds names in the cited text, through the alias table, and in pinyin of Chinese sources", () => {
    const reference = seed();
    expect(
      runCheck(nameCheck, "Kim Jong Un spoke [1].", [{ text: "金正恩发表讲话。" }], { reference }),
    ).toEqual([]);
    expect(
      runCheck(nameCheck, "Li Qiang spoke [1].", [{ text: "国务院总理李强发表讲话。" }]),
    ).toEqual([]);
    expect(
      runCheck(nameCheck, "Kim Moon-soo lost [1].", [
        { text: "Kim Moon-soo of the People Power Party lost." },
      ]),
    ).toEqual([]);
  });
  it("flags a name the cited text does not contain", () => {
    const flags = runCheck(nameCheck, "Han Dong-hoon lost [1].", [
      { text: "Kim Moon-soo of the People Power Party lost." },
    ]);
    expect(flags.map((f) => [f.kind, f.severity])).toEqual([["name", "error"]]);
  });
});
