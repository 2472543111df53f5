import { describe, expect, it } from "vitest";
import { freshnessCheck } from "./freshness-check.js";
import { runCheck } from "./testing/check-fixture.js";

describe("freshness check", () => {
  const old = {
    text: "Kang Yi is the head of the bureau.",
    publishedAt: "2023-03-01T09:00:00+08:00",
  };
  const recent = {
    text: "Kang Yi is the head of the bureau.",
    publishedAt: "2025-08-20T09:00:00+08:00",
  };
  it("warns when a claim about the present rests only on old sources", () => {
    const flags = runCheck(freshnessCheck, "Kang Yi is the head of the bureau [1].", [old]);
    expect(flags.map((f) => [f.kind, f.severity])).toEqual([["freshness", "warning"]]);
  });
  it("accepts a recent source, or a sentence about the past", () => {
    expect(
      runCheck(freshnessCheck, "Kang Yi is the head of the bureau [1][2].", [old, recent]),
    ).toEqual([]);
    expect(
      runCheck(freshnessCheck, "Kang Yi was the head of the bureau in 2023 [1].", [old]),
    ).toEqual([]);
  });
});
