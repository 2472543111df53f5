import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { CardContent } from "./card-layout.js";
import { renderCardPng } from "./card-render.js";
import { rankCurveSvg } from "./rank-curve.js";

const base: CardContent = {
  siteName: "Resou",
  headline: "Heavy rain floods Beijing's suburbs as the city raises its alert to orange",
  hashtagZh: "#北京暴雨#",
  hashtagEn: "Beijing rainstorm",
  curveLabel: "Best rank No. 1 on Weibo's hot search",
  curveSvg: rankCurveSvg(
    [
      { at: "2025-08-27T11:40:00Z", rank: 3 },
      { at: "2025-08-27T11:50:00Z", rank: 2 },
      { at: "2025-08-27T12:00:00Z", rank: 1 },
    ],
    1080,
    150,
  ),
};

describe("share card rendering", () => {
  it("draws a 1200×630 PNG", async () => {
    const png = await renderCardPng(base);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 630]);
  });

  it("draws the Chinese hashtag's own glyphs (two hashtags give two different cards)", async () => {
    // A font without the characters would draw the same empty boxes for both hashtags.
    const one = await sharp(await renderCardPng(base))
      .raw()
      .toBuffer();
    const other = await sharp(await renderCardPng({ ...base, hashtagZh: "#上海台风#" }))
      .raw()
      .toBuffer();
    const missing = await sharp(await renderCardPng({ ...base, hashtagZh: "#\u{30000}\u{30001}#" }))
      .raw()
      .toBuffer();
    const missingToo = await sharp(
      await renderCardPng({ ...base, hashtagZh: "#\u{30002}\u{30003}#" }),
    )
      .raw()
      .toBuffer();
    expect(one.equals(other)).toBe(false);
    // The control: characters outside the font do come out the same, so the check can fail.
    expect(missing.equals(missingToo)).toBe(true);
  });

  it("thins a long history to at most a few hundred segments, No. 1 at the top", () => {
    const points = Array.from({ length: 2000 }, (_, i) => ({
      at: new Date(Date.UTC(2025, 7, 27, 0, 0, i * 30)).toISOString(),
      rank: (i % 50) + 1,
    }));
    const svg = rankCurveSvg(points, 1080, 150) ?? "";
    const line = /d="([^"]*)" fill="none"/.exec(svg)?.[1] ?? "";
    const segments = (line.match(/ L/g) ?? []).length;
    expect(segments).toBeGreaterThan(100);
    expect(segments).toBeLessThan(320);
    expect(rankCurveSvg([], 1080, 150)).toBeNull();
  });
});
