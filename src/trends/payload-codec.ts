import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";

/** sha256 hex of the exact payload text (UTF-8): the identity of a snapshot. */
export function payloadHash(payload: string): string {
  return createHash("sha256").update(payload, "utf8").digest("hex");
}

/** Raw payload kept for re-parsing later: gzip, then base64 text (same on both databases). */
export function compressPayload(payload: string): string {
  return gzipSync(Buffer.from(payload, "utf8"), { level: 1 }).toString("base64");
}

export function decompressPayload(stored: string): string {
  return gunzipSync(Buffer.from(stored, "base64")).toString("utf8");
}
