import { describe, expect, it } from "vitest";
import { manifoldScores } from "./manifold-rank.js";

/** The symmetric affinity matrix of an edge list over `n` nodes. */
function graph(n: number, edges: [number, number, number][]): Float64Array {
  const w = new Float64Array(n * n);
  for (const [i, j, v] of edges) {
    w[i * n + j] = v;
    w[j * n + i] = v;
  }
  return w;
}

describe("manifold ranking", () => {
  const options = { alpha: 0.8, neighbours: 2, iterations: 30 };

  it("ranks a candidate tied to the query's close neighbour above a lone look-alike", () => {
    // 1 is only loosely like the query but very like 2, which is like the query;
    // 3 is a little more like the query than 1 and like nothing else.
    const f = manifoldScores(
      graph(4, [
        [0, 1, 0.3],
        [0, 2, 0.9],
        [1, 2, 0.9],
        [0, 3, 0.35],
      ]),
      4,
      options,
    );
    expect(f[2]).toBeGreaterThan(f[1] as number);
    expect(f[1]).toBeGreaterThan(f[3] as number);
  });

  it("keeps only each node's strongest edges", () => {
    // With one neighbour each, nobody keeps the weak 0–2 edge: 2 is reached only through 1.
    const affinity = () =>
      graph(3, [
        [0, 1, 0.9],
        [0, 2, 0.1],
        [1, 2, 0.8],
      ]);
    const one = manifoldScores(affinity(), 3, { ...options, neighbours: 1 });
    const all = manifoldScores(affinity(), 3, { ...options, neighbours: 2 });
    expect(one[2]).toBeLessThan(all[2] as number);
    expect(one[2]).toBeGreaterThan(0);
  });

  it("leaves everything at the query when nothing flows (alpha 0) or nothing is similar", () => {
    const half = new Float64Array(9).fill(0.5);
    expect(Array.from(manifoldScores(half, 3, { ...options, alpha: 0 }))).toEqual([1, 0, 0]);
    const none = manifoldScores(new Float64Array(9), 3, options);
    expect(none[1]).toBe(0);
    expect(none[2]).toBe(0);
  });
});
