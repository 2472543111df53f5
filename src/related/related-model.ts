import { readFileSync } from "node:fs";
import { z } from "zod";
import { FEATURE_COUNT, PAIR_FEATURES } from "./pair-features.js";

/**
 * The fitted logistic model that turns a query–candidate feature row (`pair-features.ts`)
 * into the probability that both report the same story. Its weights live in one versioned
 * file, `related-model.json`, written by `scripts/fit-related-model.ts`.
 */
export const RelatedModelFile = z.object({
  version: z.number().int().positive(),
  features: z.array(z.string()),
  /** Per feature: the training mean (what an unknown value is taken to be) and spread. */
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
  /** Probability below which a candidate is no engine pick (the list is filled instead). */
  floor: z.number().min(0).max(1),
  fittedOn: z.array(z.string()),
  fittedAt: z.string(),
});
export type RelatedModelFile = z.infer<typeof RelatedModelFile>;

export interface RelatedModel {
  readonly file: RelatedModelFile;
  /** Probability of "same story"; a NaN feature (e.g. a date not known) counts as its mean. */
  probability(row: Float64Array): number;
}

export function createRelatedModel(file: RelatedModelFile): RelatedModel {
  const names = PAIR_FEATURES as readonly string[];
  const lengths = [file.features.length, file.mean.length, file.scale.length, file.weights.length];
  if (lengths.some((l) => l !== FEATURE_COUNT) || file.features.some((f, i) => f !== names[i])) {
    throw new Error(
      `related model: its features (${file.features.join(", ")}) are not the engine's (${names.join(", ")})`,
    );
  }
  const { mean, scale, weights, bias } = file;
  return {
    file,
    probability(row) {
      let z = bias;
      for (let i = 0; i < FEATURE_COUNT; i++) {
        const x = row[i] as number;
        // Unknown is neutral: the standardised value 0 is the training mean.
        if (!Number.isNaN(x))
          z += ((weights[i] as number) * (x - (mean[i] as number))) / (scale[i] as number);
      }
      return 1 / (1 + Math.exp(-z));
    },
  };
}

export const MODEL_PATH = new URL("./related-model.json", import.meta.url);

let shipped: RelatedModel | undefined;

/** The model shipped with the engine, read and checked once per process. */
export function shippedRelatedModel(): RelatedModel {
  if (!shipped) {
    const parsed = RelatedModelFile.safeParse(JSON.parse(readFileSync(MODEL_PATH, "utf8")));
    if (!parsed.success) throw new Error(`related-model.json: ${z.prettifyError(parsed.error)}`);
    shipped = createRelatedModel(parsed.data);
  }
  return shipped;
}
