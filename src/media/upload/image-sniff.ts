/** Image formats an editor may upload, told apart by their first bytes (never by name). */
export type UploadFormat = "jpeg" | "png" | "webp" | "avif";

const startsWith = (bytes: Uint8Array, offset: number, signature: number[]) =>
  signature.every((b, i) => bytes[offset + i] === b);

const ascii = (bytes: Uint8Array, offset: number, length: number) =>
  String.fromCharCode(...bytes.subarray(offset, offset + length));

/** The format the file's magic bytes announce, or null for anything else. */
export function sniffImageFormat(bytes: Uint8Array): UploadFormat | null {
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "webp";
  // ISO-BMFF: a `ftyp` box whose major brand is AVIF (still image or sequence).
  if (ascii(bytes, 4, 4) === "ftyp" && ["avif", "avis"].includes(ascii(bytes, 8, 4))) return "avif";
  return null;
}
