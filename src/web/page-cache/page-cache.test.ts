import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PageCache } from "./page-cache.js";
import { buildEntry, type PageEntry } from "./page-entry.js";

let clock = 0;
const now = () => clock;

function page(key: string, tags: string[], size = 1000): Promise<PageEntry> {
  // Random bytes do not compress: each entry stores one body and costs about `size`.
  const body = randomBytes(size);
  return buildEntry({
    key,
    body,
    headers: [["content-type", "text/html; charset=utf-8"]],
    tags,
    etag: `"${key}"`,
    lastModifiedMs: undefined,
    expiresAt: clock + 60_000,
  });
}

async function stored(cache: PageCache, key: string, tags: string[], size?: number) {
  const { ticket, finish } = cache.begin(key);
  const entry = await page(key, tags, size);
  const ok = cache.store(ticket, entry);
  finish(entry);
  return ok;
}

describe("PageCache", () => {
  it("evicts the least recently used pages once the byte budget is exceeded", async () => {
    const cache = new PageCache({ maxBytes: 3500, now });
    await stored(cache, "/a", ["x"]);
    await stored(cache, "/b", ["x"]);
    await stored(cache, "/c", ["x"]);
    expect(cache.stats().entries).toBe(3);
    cache.get("/a"); // now /b is the oldest
    await stored(cache, "/d", ["x"]);
    expect(cache.has("/b")).toBe(false);
    expect(["/a", "/c", "/d"].map((k) => cache.has(k))).toEqual([true, true, true]);
    expect(cache.stats().bytes).toBeLessThanOrEqual(3500);
    expect(cache.stats().evictions).toBe(1);
    // A page bigger than the whole budget is never stored.
    expect(await stored(cache, "/huge", ["x"], 5000)).toBe(false);
    expect(cache.has("/a")).toBe(true);
  });

  it("drops expired pages", async () => {
    const cache = new PageCache({ maxBytes: 1e6, now });
    await stored(cache, "/a", ["x"]);
    clock += 60_000;
    expect(cache.get("/a")).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it("invalidates by tag and never stores a render an invalidation overtook", async () => {
    const cache = new PageCache({ maxBytes: 1e6, now });
    await stored(cache, "/a", ["article:1", "home"]);
    await stored(cache, "/b", ["article:2"]);
    const early = cache.begin("/c");
    const unrelated = cache.begin("/d");
    cache.invalidate(["article:1"]);
    expect(cache.has("/a")).toBe(false);
    expect(cache.has("/b")).toBe(true);
    const stale = await page("/c", ["article:1"]);
    expect(cache.store(early.ticket, stale)).toBe(false);
    early.finish(stale);
    const other = await page("/d", ["article:2"]);
    expect(cache.store(unrelated.ticket, other)).toBe(true);
    unrelated.finish(other);
    expect(cache.stats().discarded).toBe(1);
    const late = cache.begin("/c");
    const fresh = await page("/c", ["article:1"]);
    expect(cache.store(late.ticket, fresh)).toBe(true);
    late.finish(fresh);
  });

  it("shares one render among concurrent misses, but not across an invalidation", async () => {
    const cache = new PageCache({ maxBytes: 1e6, now });
    const first = cache.begin("/a");
    const joined = cache.flight("/a");
    expect(joined).toBeDefined();
    cache.invalidate(["anything"]);
    expect(cache.flight("/a")).toBeUndefined();
    const second = cache.begin("/a");
    const entry = await page("/a", ["x"]);
    first.finish(entry);
    expect(await joined).toBe(entry);
    // The first render finishing does not end the second one's flight.
    expect(cache.flight("/a")).toBeDefined();
    second.finish(undefined);
    expect(cache.flight("/a")).toBeUndefined();
  });

  it("clears everything, including renders under way", async () => {
    const cache = new PageCache({ maxBytes: 1e6, now });
    await stored(cache, "/a", ["x"]);
    const during = cache.begin("/b");
    cache.clear();
    expect(cache.stats().entries).toBe(0);
    const entry = await page("/b", ["y"]);
    expect(cache.store(during.ticket, entry)).toBe(false);
    during.finish(entry);
  });
});
