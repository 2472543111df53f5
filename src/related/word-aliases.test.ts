import { describe, expect, it } from "vitest";
import { tokenize } from "./text-tokenize.js";
import { aliasOf } from "./word-aliases.js";

describe("word aliases", () => {
  it("gives the forms of one name one key", () => {
    expect(aliasOf("gop")).toBe("republican");
    expect(aliasOf("senate")).toBeUndefined();
    expect(tokenize("GOP senators")).toEqual(tokenize("Republican senators"));
    expect(tokenize("Dems")).toEqual(tokenize("Democrats"));
    expect(tokenize("the gunman")).toEqual(tokenize("the shooter"));
  });
});
