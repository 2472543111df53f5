import { createHash } from "node:crypto";
import type { Metadata } from "sharp";
import { loadSharp } from "../imaging.js";
import type { VariantFormat } from "../picture-store.js";
import { sniffImageFormat, type UploadFormat } from "./image-sniff.js";

/** Widths every upload is resized to (those not wider than the upload itself). */
export const VARIANT_WIDTHS = [480, 800, 1200, 1600] as const;

export interface UploadLimits {
  maxBytes: number;
  /** Decoded pixels (width × height) above which a file is refused unread: decompression bombs. */
  maxPixels: number;
  /** Narrowest image accepted as a lead picture. */
  minWidth: number;
}

export const DEFAULT_LIMITS: Omit<UploadLimits, "maxBytes"> = {
  maxPixels: 50_000_000,
  minWidth: 400,
};

export type UploadRefusal = {
  ok: false;
  reason: "too_large" | "not_an_image" | "too_many_pixels" | "too_small" | "unreadable";
  message: string;
};

export interface ProcessedVariant {
  format: VariantFormat;
  width: number;
  height: number;
  data: Buffer;
}

export interface ProcessedUpload {
  ok: true;
  /** sha256 hex of the uploaded bytes: the same file uploaded twice names the same objects. */
  contentHash: string;
  sourceFormat: UploadFormat;
  width: number;
  height: number;
  variants: ProcessedVariant[];
}

const refuse = (reason: UploadRefusal["reason"], message: string): UploadRefusal => ({
  ok: false,
  reason,
  message,
});

/** Target widths for an image `width` pixels wide: never upscaled, its own width on top. */
export function variantWidths(width: number): number[] {
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w <= width);
  const largest = VARIANT_WIDTHS.at(-1) ?? width;
  if (width < largest && !widths.includes(width)) widths.push(width);
  return widths;
}

/**
 * Checks an upload by content and makes its variants: orientation applied from EXIF, then
 * every width in AVIF, WebP and JPEG. sharp writes no metadata unless asked, so EXIF (GPS
 * included), XMP, IPTC and comments are gone from every variant.
 */
export async function processUpload(
  bytes: Buffer,
  limits: UploadLimits,
): Promise<ProcessedUpload | UploadRefusal> {
  if (bytes.length > limits.maxBytes)
    return refuse(
      "too_large",
      `The file is ${(bytes.length / 1e6).toFixed(1)} MB; the limit is ${(limits.maxBytes / 1e6).toFixed(0)} MB.`,
    );
  const sourceFormat = sniffImageFormat(bytes);
  if (!sourceFormat)
    return refuse("not_an_image", "The file is not a JPEG, PNG, WebP or AVIF image.");
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    // Reading the header only: dimensions are known before a single pixel is decoded.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return refuse("unreadable", "The image could not be read; it may be damaged.");
  }
  const declared = meta.format === "heif" ? "avif" : meta.format;
  if (declared !== sourceFormat || !meta.width || !meta.height)
    return refuse("not_an_image", "The file is not a JPEG, PNG, WebP or AVIF image.");
  if (meta.width * meta.height > limits.maxPixels)
    return refuse(
      "too_many_pixels",
      `The image is ${meta.width}×${meta.height} pixels; the limit is ${(limits.maxPixels / 1e6).toFixed(0)} megapixels.`,
    );
  // EXIF orientations 5–8 turn the picture a quarter: width and height swap.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = turned ? meta.height : meta.width;
  if (width < limits.minWidth)
    return refuse(
      "too_small",
      `The image is ${width} pixels wide; a lead image needs at least ${limits.minWidth}.`,
    );
  const variants: ProcessedVariant[] = [];
  try {
    // Decoded, turned upright, flattened and shrunk to the largest width once; every variant
    // is then cut from that small raw copy instead of decoding the upload twelve times.
    const widths = variantWidths(width);
    const master = await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: "error" })
      .autoOrient()
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .resize({ width: Math.max(...widths), withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = {
      width: master.info.width,
      height: master.info.height,
      channels: master.info.channels,
    };
    for (const w of widths) {
      const resized = sharp(master.data, { raw }).resize({ width: w, withoutEnlargement: true });
      // AVIF at effort 0: on this project's 2-core machines effort 2 took 7× longer for
      // files 7 % smaller (bench/pictures.bench.ts), with the editor waiting on the upload.
      const encoded = [
        ["avif", resized.clone().avif({ quality: 52, effort: 0 })],
        ["webp", resized.clone().webp({ quality: 78, effort: 4 })],
        ["jpeg", resized.clone().jpeg({ quality: 80, mozjpeg: true, progressive: true })],
      ] as const;
      for (const [format, pipeline] of encoded) {
        const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
        variants.push({ format, width: info.width, height: info.height, data });
      }
    }
  } catch {
    return refuse("unreadable", "The image could not be read; it may be damaged.");
  }
  const largest = variants.reduce((a, b) => (b.width > a.width ? b : a));
  return {
    ok: true,
    contentHash: createHash("sha256").update(bytes).digest("hex"),
    sourceFormat,
    width: largest.width,
    height: largest.height,
    variants,
  };
}
