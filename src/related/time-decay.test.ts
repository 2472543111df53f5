import { describe, expect, it } from "vitest";
import { halfLifeDecay, proximityFactor, recencyFactor, toEpochDays } from "./time-decay.js";

describe("time decay", () => {
  it("halves every half-life, symmetric in time", () => {
    expect(halfLifeDecay(0, 10)).toBe(1);
    expect(halfLifeDecay(10, 10)).toBeCloseTo(0.5);
    expect(halfLifeDecay(-20, 10)).toBeCloseTo(0.25);
  });

  it("blends proximity by weight; one missing date counts as far apart, two as neutral", () => {
    const a = toEpochDays("2025-08-26");
    const b = toEpochDays("2025-09-05T00:00:00Z");
    expect(b - a).toBeCloseTo(10);
    const options = { halfLifeDays: 10, weight: 0.5 };
    expect(proximityFactor(a, b, options)).toBeCloseTo(0.75);
    expect(proximityFactor(a, Number.NaN, options)).toBeCloseTo(0.5);
    expect(proximityFactor(a, Number.NaN, options, 0.5)).toBeCloseTo(0.75);
    expect(proximityFactor(Number.NaN, Number.NaN, options)).toBe(1);
    expect(proximityFactor(a, b, { ...options, weight: 0 })).toBe(1);
    expect(toEpochDays(undefined)).toBeNaN();
    expect(toEpochDays("not a date")).toBeNaN();
  });

  it("prefers fresher candidates, never penalises future ones", () => {
    const now = toEpochDays("2025-08-26");
    const options = { halfLifeDays: 30, weight: 0.2 };
    expect(recencyFactor(now - 30, now, options)).toBeCloseTo(0.9);
    expect(recencyFactor(now + 5, now, options)).toBe(1);
    expect(recencyFactor(now - 300, now, options)).toBeLessThan(
      recencyFactor(now - 3, now, options),
    );
  });
});
