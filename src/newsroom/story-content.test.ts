import { describe, expect, it } from "vitest";
import { contentFromForm, EMPTY_FORM, formFromContent, parseSections } from "./story-content.js";

const form = {
  ...EMPTY_FORM,
  headline: "Rain floods Beijing subway",
  category: "Society",
  lead: "Heavy rain **closed** stations.",
  sections: "## What happened\n\nWater poured in.\n\n## Why it trended\n\nVideos spread.",
  tags: "Beijing, weather, ",
  hashtag: "#北京暴雨#",
  sources: "https://example.com/a Xinhua report\nhttps://example.com/b",
};

describe("story form ↔ content", () => {
  it("parses sections, tags, hashtag and sources, and round-trips", () => {
    const parsed = contentFromForm(form);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.content.sections).toEqual([
      { heading: "What happened", body: "Water poured in." },
      { heading: "Why it trended", body: "Videos spread." },
    ]);
    expect(parsed.content.tags).toEqual(["Beijing", "weather"]);
    expect(parsed.content.hashtag).toBe("北京暴雨");
    expect(parsed.content.sources[0]).toEqual({
      url: "https://example.com/a",
      title: "Xinhua report",
    });
    const again = contentFromForm(formFromContent(parsed.content));
    expect(again.ok && again.content).toEqual(parsed.content);
  });

  it("reports every bad field by name", () => {
    const parsed = contentFromForm({
      ...form,
      headline: "",
      dek: "x".repeat(401),
      sections: "text before any heading",
      sources: "javascript:alert(1)",
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.headline).toBe("is required");
    expect(parsed.errors.dek).toMatch(/at most 400/);
    expect(parsed.errors.sections).toMatch(/## What happened/);
    expect(parsed.errors.sources).toMatch(/line 1: must be an http\(s\) URL/);
  });

  it("refuses control characters and oversized text", () => {
    const parsed = contentFromForm({
      ...form,
      headline: "bad\u0007bell",
      lead: "x".repeat(20_001),
    });
    expect(parsed.ok || parsed.errors).toMatchObject({
      headline: expect.stringMatching(/control/),
      lead: expect.stringMatching(/20,000/),
    });
  });

  it("keeps a section's Markdown intact", () => {
    expect(parseSections("## A\n\n- one\n- two\n\n```\ncode\n```")).toEqual([
      { heading: "A", body: "- one\n- two\n\n```\ncode\n```" },
    ]);
  });
});
