import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** A static file served under a content-hashed name, so it can be cached forever. */
export interface Asset {
  path: string;
  body: string;
  type: string;
  /** CSP source for inline use, e.g. `'sha256-…'`. */
  integrity: string;
}

function load(file: string, type: string, ext: string): Asset {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url), "utf8");
  const hash = createHash("sha256").update(body).digest();
  return {
    path: `/assets/${file.replace(/\.[a-z]+$/, "")}.${hash.toString("hex").slice(0, 10)}.${ext}`,
    body,
    type,
    integrity: `'sha256-${hash.toString("base64")}'`,
  };
}

/** The stylesheet is inlined into every page (no render-blocking request); CSP allows it by hash. */
export const stylesheet = load("site.css", "text/css; charset=utf-8", "css");
export const shareScript = load("share.js", "text/javascript; charset=utf-8", "js");
export const ASSETS: Asset[] = [stylesheet, shareScript];
