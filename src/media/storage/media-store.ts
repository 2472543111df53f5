/**
 * Where uploaded media lives. Keys are relative paths (`lead/<hash>/800.webp`); the disk
 * store maps them under the data folder, and an S3-compatible store can map them to object
 * keys in a bucket with the same three calls.
 */
export interface MediaStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object, or null when no object has that key. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export interface StoredObject {
  bytes: Buffer;
  contentType: string;
}

// Lower-case path segments of safe characters: no `..`, no leading slash, no backslash.
const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*){0,4}$/;

export function isMediaKey(key: string): boolean {
  return key.length <= 200 && KEY.test(key) && !key.includes("..");
}

export const CONTENT_TYPES: Record<string, string> = {
  avif: "image/avif",
  webp: "image/webp",
  jpg: "image/jpeg",
  png: "image/png",
};

/** Content type by the key's extension (keys are ours, never a client's file name). */
export function contentTypeOfKey(key: string): string {
  return CONTENT_TYPES[key.split(".").at(-1) ?? ""] ?? "application/octet-stream";
}
