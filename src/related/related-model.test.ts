import { describe, expect, it } from "vitest";
import { FEATURE_COUNT, PAIR_FEATURES } from "./pair-features.js";
import { createRelatedIndex } from "./related-index.js";
import { createRelatedModel, shippedRelatedModel } from "./related-model.js";
import { fitRelatedModel } from "./related-model-fit.js";

describe("the shipped related model", () => {
  it("loads, names the engine's features and scores a known pair as when it was fitted", () => {
    const model = shippedRelatedModel();
    expect(model.file.features).toEqual([...PAIR_FEATURES]);
    // A row at the training means scores the bias alone; a NaN feature counts as its mean.
    const atMean = Float64Array.from(model.file.mean);
    expect(model.probability(atMean)).toBeCloseTo(1 / (1 + Math.exp(-model.file.bias)), 12);
    const unknown = Float64Array.from(atMean);
    unknown[PAIR_FEATURES.indexOf("date_30d")] = Number.NaN;
    expect(model.probability(unknown)).toBeCloseTo(model.probability(atMean), 12);
    // One standard deviation up a feature moves the log-odds by exactly its weight.
    const i = PAIR_FEATURES.indexOf("graph");
    const up = Float64Array.from(atMean);
    up[i] = (up[i] as number) + (model.file.scale[i] as number);
    const logit = (p: number) => Math.log(p / (1 - p));
    expect(logit(model.probability(up)) - logit(model.probability(atMean))).toBeCloseTo(
      model.file.weights[i] as number,
      9,
    );
  });

  it("scores a known pair as it did when related-model.json was fitted", () => {
    // Pinned from the fit of 2026-12-08 (12 features); refitting changes these on purpose.
    const index = createRelatedIndex();
    const docs = [
      {
        id: "q",
        title: "Magnitude 6.1 earthquake hits Dingri county",
        body: "The quake struck Dingri near Shigatse on Tuesday, killing 126 people, officials said.",
        publishedAt: "2025-01-07",
      },
      {
        id: "same",
        title: "Dingri earthquake toll rises to 126",
        body: "Rescuers in Dingri near Shigatse said 126 people died after Tuesday's quake.",
        publishedAt: "2025-01-08",
      },
      {
        id: "lookalike",
        title: "Magnitude 5.2 earthquake hits Yunnan county",
        body: "The quake struck Yunnan on Sunday; no one died, officials said.",
      },
      { id: "m", title: "Mooncake sales rise in Suzhou", body: "Bakeries sold more lotus paste." },
      { id: "f", title: "Shandong win the cup final", body: "A late goal in Jinan settled it." },
    ];
    for (const d of docs) index.add(d);
    const hits = index.topK("q", 5);
    expect(hits.map((h) => h.id)).toEqual(["same", "lookalike"]);
    expect(hits[0]?.score).toBeCloseTo(0.99923139, 6);
    expect(hits[1]?.score).toBeCloseTo(0.6601181, 6);
  });

  it("refuses a weights file written for other features", () => {
    const file = { ...shippedRelatedModel().file, features: ["cosine"] };
    expect(() => createRelatedModel(file)).toThrow(/not the engine's/);
  });
});

describe("fitRelatedModel", () => {
  it("learns which feature separates same-story pairs and ignores noise", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const rows: Float64Array[] = [];
    const labels: number[] = [];
    const signal = PAIR_FEATURES.indexOf("dates_agree");
    for (let n = 0; n < 2_000; n++) {
      const row = Float64Array.from({ length: FEATURE_COUNT }, () => random());
      const label = random() < 0.3 ? 1 : 0;
      row[signal] = label + 0.5 * random();
      rows.push(row);
      labels.push(label);
    }
    const file = fitRelatedModel([{ name: "synthetic", rows, labels: Uint8Array.from(labels) }]);
    const weights = file.weights.map(Math.abs);
    expect(weights.indexOf(Math.max(...weights))).toBe(signal);
    const model = createRelatedModel(file);
    const positive = Float64Array.from(file.mean);
    positive[signal] = 1.25;
    const negative = Float64Array.from(file.mean);
    negative[signal] = 0.25;
    expect(model.probability(positive)).toBeGreaterThan(0.9);
    expect(model.probability(negative)).toBeLessThan(0.1);
  });
});
