import { createHash } from "node:crypto";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 120;

/**
 * URL slug from any text: ASCII letters and digits joined by hyphens, cut at a word
 * boundary. Text with no Latin letters (a Chinese-only headline) gets a stable hash slug.
 */
export function slugify(text: string, maxLength = 80): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’'‘]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (ascii.length === 0) {
    return `t-${createHash("sha256").update(text).digest("hex").slice(0, 10)}`;
  }
  if (ascii.length <= maxLength) return ascii;
  const cut = ascii.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > 20 ? cut.slice(0, lastHyphen) : ascii.slice(0, maxLength)).replace(
    /-+$/,
    "",
  );
}

/** Whether a route parameter can name a stored slug at all; checked before any lookup. */
export function isSlug(value: string): boolean {
  return value.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(value);
}
