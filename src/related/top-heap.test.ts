import { describe, expect, it } from "vitest";
import { TopHeap } from "./top-heap.js";
import { decodeSortedIds, encodeSortedIds } from "./varint.js";

describe("TopHeap", () => {
  it("keeps the best items of a stream, best first", () => {
    const heap = new TopHeap(3);
    [5, 1, 9, 3, 7, 2, 8].forEach((score, item) => {
      heap.push(item, score);
    });
    expect(heap.sorted().map((e) => e.score)).toEqual([9, 8, 7]);
    expect(heap.floor()).toBe(7);
    heap.clear();
    expect(heap.floor()).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("varint id sets", () => {
  it("round-trips sorted ids, large ones too", () => {
    const ids = [0, 3, 127, 128, 300, 70_000, 5_000_000];
    expect(decodeSortedIds(encodeSortedIds([...ids].reverse()))).toEqual(ids);
    expect(encodeSortedIds(ids).length).toBeLessThan(ids.length * 4);
  });
});
