import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { type DraftSource, draftSource } from "./draft-source.js";
import type { ResearchPort } from "./pipeline-runner.js";

/**
 * A stored source bundle (`test/fixtures/bundles/*.json`): one story's topic and the sources
 * research would have gathered, so drafting can run, be compared across models and be
 * benchmarked without fetching anything.
 */
export const sourceBundle = z.object({
  topic: z.object({
    hashtag: z.string().min(1).max(100),
    hashtagEn: z.string().max(200).optional(),
    category: z.string().min(1).max(80),
  }),
  /** The moment the draft is written: prompts assume this is the current date. */
  publishedAt: z.iso.datetime({ offset: true }),
  sources: z.array(draftSource).min(1).max(50),
});
export type SourceBundle = z.infer<typeof sourceBundle>;

export function readBundle(file: string): SourceBundle {
  const parsed = sourceBundle.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}

/** Every `*.json` bundle in a folder, sorted by file name. */
export function readBundles(dir: string): { file: string; bundle: SourceBundle }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ file: f, bundle: readBundle(join(dir, f)) }));
}

/** Research that hands out a stored bundle: for evaluation, benchmarks and tests. */
export function bundleResearch(sources: DraftSource[]): ResearchPort {
  return {
    gather: async () => ({ sources, problems: [] }),
    list: async () => sources,
  };
}
