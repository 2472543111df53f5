import { describe, expect, it } from "vitest";
import { FEATURE_COUNT, PAIR_FEATURES } from "./pair-features.js";
import { createRelatedIndex } from "./related-index.js";
import { mentionAgreement, mentionMask } from "./time-mentions.js";

const column = (name: (typeof PAIR_FEATURES)[number]) => PAIR_FEATURES.indexOf(name);

const distractors = [
  { id: "m", title: "Mooncake sales rise in Suzhou", body: "Bakeries sold more lotus paste." },
  { id: "f", title: "Shandong win the cup final", body: "A late goal in Jinan settled it." },
  { id: "r", title: "Rebar prices fall again", body: "Steel mills in Hebei cut output." },
];

function rowOf(index: ReturnType<typeof createRelatedIndex>, query: string, candidate: string) {
  const pool = index.explain(query);
  const at = pool.ids.indexOf(candidate);
  expect(at).toBeGreaterThanOrEqual(0);
  return pool.rows[at] as Float64Array;
}

describe("pair features", () => {
  const index = createRelatedIndex({ duplicateThreshold: 2 });
  index.add({
    id: "q",
    title: "Magnitude 6.1 earthquake hits Dingri county",
    body: "The quake struck Dingri near Shigatse on Tuesday, killing 126 people, officials said.",
    publishedAt: "2025-01-07",
  });
  index.add({
    id: "same",
    title: "Dingri earthquake toll rises to 126",
    body: "Rescuers in Dingri near Shigatse said 126 people died after Tuesday's quake.",
    publishedAt: "2025-01-08",
  });
  index.add({
    id: "lookalike",
    title: "Magnitude 5.2 earthquake hits Yunnan county",
    body: "The quake struck Yunnan on Sunday; no one died, officials said.",
  });
  for (const d of distractors) index.add(d);

  it("gives one row of every feature per pool member, best cosine first", () => {
    const pool = index.explain("q");
    expect(pool.ids[0]).toBe("same");
    for (const row of pool.rows) expect(row).toHaveLength(FEATURE_COUNT);
    const cosines = pool.rows.map((r) => r[column("cosine")] as number);
    expect([...cosines].sort((a, b) => b - a)).toEqual(cosines);
  });

  it("splits the cosine into words, numbers, entities and tags that add up to it", () => {
    const row = rowOf(index, "q", "same");
    const parts = ["words", "numbers", "entities", "tags"].map(
      (n) => row[column(n as (typeof PAIR_FEATURES)[number])] as number,
    );
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(row[column("cosine")] as number, 10);
    expect(row[column("numbers")]).toBeGreaterThan(0);
    expect(row[column("entities")]).toBeGreaterThan(0);
    expect(rowOf(index, "q", "lookalike")[column("numbers")]).toBe(0);
  });

  it("measures date closeness and leaves unknown dates unknown", () => {
    const same = rowOf(index, "q", "same");
    const lookalike = rowOf(index, "q", "lookalike");
    expect(same[column("date_30d")]).toBeCloseTo(Math.exp(-1 / 30), 10);
    expect(Number.isNaN(lookalike[column("date_30d")] as number)).toBe(true);
    expect(same[column("dates_agree")]).toBe(1);
    expect(lookalike[column("dates_differ")]).toBe(1);
    expect(same[column("cosine_near")]).toBeCloseTo(
      (same[column("cosine")] as number) * Math.exp(-1),
      10,
    );
    expect(Number.isNaN(lookalike[column("cosine_near")] as number)).toBe(true);
  });

  it("compares ages only when both articles give one", () => {
    const ages = createRelatedIndex({ duplicateThreshold: 2 });
    ages.add({
      id: "a",
      title: "Man shot in Dayton",
      body: "John Reed, 34, was shot on Main Street.",
    });
    ages.add({
      id: "b",
      title: "Dayton shooting victim named",
      body: "John Reed, 34, died in Dayton.",
    });
    ages.add({
      id: "c",
      title: "Man shot in Dayton park",
      body: "Mark Stone, 51, was shot in Dayton.",
    });
    for (const d of distractors) ages.add(d);
    expect(rowOf(ages, "a", "b")[column("ages")]).toBe(1);
    expect(rowOf(ages, "a", "c")[column("ages")]).toBe(0);
    // Neither the quake reports give an age: unknown, not "different".
    expect(Number.isNaN(rowOf(index, "q", "same")[column("ages")] as number)).toBe(true);
  });
});

describe("mentionAgreement", () => {
  it("counts the fields both texts name, agreeing or not", () => {
    const a = mentionMask("On Sunday, 3 March 2024, the river rose.");
    expect(mentionAgreement(a, mentionMask("By Sunday in March 2024 it fell."))).toEqual({
      shared: 3,
      differ: 0,
    });
    expect(mentionAgreement(a, mentionMask("On Thursday in May 2023 it rose."))).toEqual({
      shared: 0,
      differ: 3,
    });
    expect(mentionAgreement(a, mentionMask("No dates here."))).toEqual({ shared: 0, differ: 0 });
  });
});
