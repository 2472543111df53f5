import { describe, expect, it } from "vitest";
import { CardCache } from "./card-cache.js";

describe("card cache", () => {
  it("keeps at most maxBytes, dropping the least recently used card first", async () => {
    const cache = new CardCache(250);
    const png = (n: number) => async () => Buffer.alloc(100, n);
    await cache.get("a", png(1));
    await cache.get("b", png(2));
    await cache.get("a", png(9)); // a hit: `a` becomes the newest, its bytes unchanged
    await cache.get("c", png(3)); // 300 bytes: `b`, the oldest, goes
    expect([cache.size, cache.totalBytes]).toEqual([2, 200]);
    expect((await cache.get("a", png(7)))[0]).toBe(1);
    expect((await cache.get("b", png(8)))[0]).toBe(8); // drawn again
  });

  it("draws a card once for concurrent requests", async () => {
    const cache = new CardCache();
    let renders = 0;
    const render = async () => {
      renders += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return Buffer.alloc(10);
    };
    await Promise.all([cache.get("k", render), cache.get("k", render), cache.get("k", render)]);
    expect(renders).toBe(1);
  });

  it("does not keep a failed render", async () => {
    const cache = new CardCache();
    await expect(cache.get("k", async () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    expect((await cache.get("k", async () => Buffer.alloc(5))).length).toBe(5);
  });
});
