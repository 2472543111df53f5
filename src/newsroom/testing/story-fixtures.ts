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
  lead: "Record rain **closed** ten stations.",
  sections: "## What happened\n\nWater poured in.\n\n## Why it trended\n\nVideos spread.",
  sources: "https://example.com/report Xinhua",
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
