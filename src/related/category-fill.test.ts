import { describe, expect, it } from "vitest";
import { CategoryFill } from "./category-fill.js";

const doc = (id: number, category: string, publishedAt?: string) => ({
  id,
  title: `Article ${id}`,
  body: "",
  category,
  ...(publishedAt ? { publishedAt } : {}),
});

describe("CategoryFill", () => {
  const fill = new CategoryFill();
  fill.add(doc(1, "Society", "2025-08-01"));
  fill.add(doc(2, "Society", "2025-08-03"));
  fill.add(doc(3, "Society"));
  fill.add(doc(4, "Society", "2025-08-02"));
  fill.add(doc(5, "Sports", "2025-08-05"));

  it("completes a short list from the same category, newest first, undated last", () => {
    expect(fill.complete(1, [], 5)).toEqual([
      { id: 2, score: 0, fill: true },
      { id: 4, score: 0, fill: true },
      { id: 3, score: 0, fill: true },
    ]);
  });

  it("marks only the fill, never repeats an engine pick and never lists the article itself", () => {
    const list = fill.complete(4, [{ id: 2, score: 0.9 }], 3);
    expect(list).toEqual([
      { id: 2, score: 0.9 },
      { id: 1, score: 0, fill: true },
      { id: 3, score: 0, fill: true },
    ]);
  });

  it("leaves a full list alone and follows moves and removals", () => {
    const picks = [1, 2, 3].map((id) => ({ id, score: 0.8 }));
    expect(fill.complete(5, picks, 3)).toEqual(picks);
    fill.add(doc(2, "Sports", "2025-08-04"));
    expect(fill.complete(5, [], 5).map((h) => h.id)).toEqual([2]);
    fill.remove(2);
    expect(fill.complete(5, [], 5)).toEqual([]);
    expect(fill.complete(1, [], 5).map((h) => h.id)).toEqual([4, 3]);
  });
});
