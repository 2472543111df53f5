import exifReader from "exif-reader";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, processUpload, variantWidths } from "./process-upload.js";

const LIMITS = { ...DEFAULT_LIMITS, maxBytes: 5_000_000 };

/** A photo-like JPEG (noise, so it does not compress away) with EXIF GPS and an orientation. */
async function photoWithGps(width: number, height: number, orientation = 1): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation })
    .withExif({
      IFD0: { Make: "TestCam", Model: "Leaky 1" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "39/1 54/1 2700/100",
        GPSLongitudeRef: "E",
        GPSLongitude: "116/1 23/1 3000/100",
      },
    })
    .toBuffer();
}

describe("lead picture upload processing", () => {
  it("refuses a text file renamed to .jpg, judged by its bytes", async () => {
    const result = await processUpload(
      Buffer.from("GIF? no: plain text pretending to be a JPEG"),
      LIMITS,
    );
    expect(result).toMatchObject({ ok: false, reason: "not_an_image" });
  });

  it("refuses a file whose magic bytes lie about the rest", async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    const result = await processUpload(fake, LIMITS);
    expect(result.ok).toBe(false);
  });

  it("refuses a file over the size limit before decoding it", async () => {
    const big = await photoWithGps(1200, 800);
    const result = await processUpload(big, { ...LIMITS, maxBytes: big.length - 1 });
    expect(result).toMatchObject({ ok: false, reason: "too_large" });
  });

  it("refuses a decompression bomb: a small file that decodes to too many pixels", async () => {
    const bomb = await sharp({
      create: { width: 2500, height: 2500, channels: 3, background: "#ffffff" },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(100_000);
    const result = await processUpload(bomb, { ...LIMITS, maxPixels: 4_000_000 });
    expect(result).toMatchObject({ ok: false, reason: "too_many_pixels" });
  });

  it("refuses an image too narrow for a lead", async () => {
    const small = await photoWithGps(300, 200);
    expect(await processUpload(small, LIMITS)).toMatchObject({ ok: false, reason: "too_small" });
  });

  it("strips GPS and camera data from every variant and applies the orientation", async () => {
    // Stored 1000×700 with orientation 6 (turn a quarter): readers see it 700 wide, 1000 tall.
    const upload = await photoWithGps(1000, 700, 6);
    const original = await sharp(upload).metadata();
    // The control: the upload really carries a position and a camera.
    const tags = exifReader(original.exif ?? Buffer.alloc(0));
    expect(tags.GPSInfo?.GPSLatitudeRef).toBe("N");
    expect(tags.GPSInfo?.GPSLatitude).toHaveLength(3);
    expect(tags.Image?.Make).toBe("TestCam");
    expect(original.orientation).toBe(6);

    const result = await processUpload(upload, LIMITS);
    if (!result.ok) throw new Error(result.message);
    expect([result.width, result.height]).toEqual([700, 1000]);
    expect(result.variants.map((v) => `${v.format}:${v.width}`).sort()).toEqual(
      ["avif:480", "avif:700", "jpeg:480", "jpeg:700", "webp:480", "webp:700"].sort(),
    );
    for (const variant of result.variants) {
      const meta = await sharp(variant.data).metadata();
      expect(meta.format).toBe(variant.format === "avif" ? "heif" : variant.format);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
      expect(variant.data.toString("latin1")).not.toContain("TestCam");
      expect(meta.width).toBe(variant.width);
      expect(variant.height).toBe(Math.round((variant.width * 1000) / 700));
    }
  });

  it("never upscales: widths up to the upload's own", () => {
    expect(variantWidths(2400)).toEqual([480, 800, 1200, 1600]);
    expect(variantWidths(1000)).toEqual([480, 800, 1000]);
    expect(variantWidths(1600)).toEqual([480, 800, 1200, 1600]);
    expect(variantWidths(400)).toEqual([400]);
  });
});
