import { describe, expect, it } from "vitest";
import { stem } from "./stemmer.js";

describe("stem", () => {
  it("conflates the inflections news text uses", () => {
    expect(stem("shootings")).toBe(stem("shooting"));
    expect(stem("shooting")).toBe("shoot");
    expect(stem("robberies")).toBe(stem("robbery"));
    expect(stem("arrested")).toBe("arrest");
    expect(stem("robbed")).toBe("rob");
    expect(stem("injured")).toBe(stem("injure"));
    expect(stem("matches")).toBe(stem("match"));
    expect(stem("quickly")).toBe("quick");
  });

  it("leaves short words, exceptions and non-letters alone", () => {
    expect(stem("bus")).toBe("bus");
    expect(stem("news")).toBe("news");
    expect(stem("paris")).toBe("paris");
    expect(stem("2013")).toBe("2013");
    expect(stem("king")).toBe("king");
  });
});
