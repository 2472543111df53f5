import type { Client } from "./newsroom-harness.js";

/** A valid editor form. */
export const STORY = {
  headline: "Beijing subway floods after record rain",
  dek: "Stations closed as water poured in",
  category: "Society",
  byline: "",
  tags: "Beijing, weather",
  hashtag: "#北京暴雨#",
  hashtagEn: "Beijing rainstorm",
  // Cited against the source title (no research text in these tests), so the claim checks
  // raise no error and the story can be published.
  lead: "Record rain **closed** ten stations [1].",
  sections: "## What happened\n\nWater poured in [1].\n\n## Why it trended\n\nVideos spread [1].",
  sources:
    "https://example.com/report Record rain closed ten stations as water poured in and videos spread",
};

export async function createDraft(
  client: Client,
  fields: Partial<typeof STORY> = {},
): Promise<number> {
  const response = await client.post("/admin/stories", { ...STORY, ...fields });
  const location = response.headers.get("location") ?? "";
  const id = Number(/\/admin\/stories\/(\d+)/.exec(location)?.[1]);
  if (response.status !== 303 || !id)
    throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return id;
}
