/**
 * Share cards and lead pictures: how long a card takes to draw (first, with font loading,
 * then warm), its size, and how long an upload takes to become its variants, with the
 * bytes of each. `npm run bench -- pictures` (`--quick`: fewer runs).
 */
import sharp from "sharp";
import { renderCardPng } from "../src/media/share-card/card-render.js";
import { rankCurveSvg } from "../src/media/share-card/rank-curve.js";
import { DEFAULT_LIMITS, processUpload } from "../src/media/upload/process-upload.js";

const quick = process.argv.includes("--quick");
const runs = quick ? 3 : 10;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

// A day of minute snapshots: the longest curve a card draws in practice.
const points = Array.from({ length: 1440 }, (_, i) => ({
  at: new Date(Date.UTC(2025, 7, 27, 0, i)).toISOString(),
  rank: Math.max(1, Math.min(50, Math.round(25 - 22 * Math.sin(i / 240) + (i % 5)))),
}));
const content = (n: number) => ({
  siteName: "Resou",
  headline: `Heavy rain floods Beijing's suburbs as the city raises its alert, day ${n}`,
  hashtagZh: "#北京暴雨#",
  hashtagEn: "Beijing rainstorm",
  curveLabel: "Best rank No. 1 on Weibo's hot search · 20 hours on the list",
  curveSvg: rankCurveSvg(points, 1080, 150),
});

let started = performance.now();
const first = await renderCardPng(content(0));
const firstMs = performance.now() - started;
const warm: number[] = [];
for (let i = 1; i <= runs; i++) {
  started = performance.now();
  await renderCardPng(content(i));
  warm.push(performance.now() - started);
}
console.log(
  `share card: first ${firstMs.toFixed(0)} ms (fonts parsed), then median ${median(warm).toFixed(0)} ms over ${runs}; PNG ${(first.length / 1024).toFixed(1)} KiB`,
);

// A 12-megapixel camera-sized JPEG of smooth gradients with noise, like a photo.
const width = 4000;
const height = 3000;
const pixels = Buffer.alloc(width * height * 3);
for (let i = 0; i < pixels.length; i++) {
  const x = Math.floor(i / 3) % width;
  const y = Math.floor(i / 3 / width);
  pixels[i] = ((x >> 4) + (y >> 4) * (1 + (i % 3)) + ((i * 2654435761) >>> 28)) % 256;
}
const photo = await sharp(pixels, { raw: { width, height, channels: 3 } })
  .jpeg({ quality: 88 })
  .toBuffer();
const uploads: number[] = [];
let last: Awaited<ReturnType<typeof processUpload>> | undefined;
for (let i = 0; i < (quick ? 1 : 3); i++) {
  started = performance.now();
  last = await processUpload(photo, { ...DEFAULT_LIMITS, maxBytes: 50_000_000 });
  uploads.push(performance.now() - started);
}
if (!last?.ok) throw new Error("the benchmark photo was refused");
console.log(
  `upload: ${width}×${height} JPEG (${(photo.length / 1e6).toFixed(1)} MB) to ${last.variants.length} variants, median ${median(uploads).toFixed(0)} ms`,
);
for (const v of last.variants)
  console.log(
    `  ${v.format.padEnd(4)} ${String(v.width).padStart(4)}w  ${(v.data.length / 1024).toFixed(1)} KiB`,
  );
