import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { PageEncoding } from "./accept-encoding.js";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** One stored representation with everything a response needs, built once when stored. */
export interface PageVariant {
  body: Buffer;
  etag: string;
  /** For `new Response(body, { headers })`. */
  headers: Record<string, string>;
  /** The same as a flat `[name, value, …]` list for `res.writeHead` on the hot path. */
  rawHeaders: string[];
  /** Headers of a 304 answer for this variant (no body, no length, no type). */
  notModifiedHeaders: Record<string, string>;
  rawNotModifiedHeaders: string[];
}

/** A rendered page kept as bytes, in each encoding, with its validators and tags. */
export interface PageEntry {
  key: string;
  tags: readonly string[];
  variants: Readonly<Record<PageEncoding, PageVariant>>;
  lastModifiedMs: number | undefined;
  /** Clock time (ms) after which the page is rendered again. */
  expiresAt: number;
  /** What the entry costs the LRU: every distinct body plus its headers. */
  bytes: number;
}

/** Response headers that belong to one representation, set per variant instead. */
const PER_VARIANT = new Set([
  "content-length",
  "content-encoding",
  "etag",
  "vary",
  "date",
  "transfer-encoding",
  "connection",
  "keep-alive",
]);

/** Headers a 304 may not carry (RFC 9110 15.4.5 lists what it should). */
const NOT_ON_304 = new Set(["content-type", "content-length", "content-encoding"]);

export interface RenderedPage {
  key: string;
  body: Buffer;
  /** The rendered response's headers (content type, cache control, security headers). */
  headers: Iterable<[string, string]>;
  tags: readonly string[];
  etag: string;
  lastModifiedMs: number | undefined;
  expiresAt: number;
}

/**
 * Compresses a rendered page once (on libuv's thread pool, so a large page never blocks the
 * event loop) and precomputes each variant's headers. Brotli at quality 5 compresses about
 * as fast as gzip -6 and smaller; the top qualities cost tens of milliseconds a page, which a
 * cold page cannot afford. A variant that does not shrink is replaced by the plain bytes.
 */
export async function buildEntry(page: RenderedPage): Promise<PageEntry> {
  const [br, gz] = await Promise.all([
    brotliAsync(page.body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: page.body.length,
      },
    }),
    gzipAsync(page.body, { level: 6 }),
  ]);
  const shared: [string, string][] = [];
  for (const [name, value] of page.headers) {
    if (!PER_VARIANT.has(name.toLowerCase())) shared.push([name.toLowerCase(), value]);
  }
  const identity = variant(shared, page.body, page.etag, "identity");
  const variants: Record<PageEncoding, PageVariant> = {
    identity,
    br: br.length < page.body.length ? variant(shared, br, page.etag, "br") : identity,
    gzip: gz.length < page.body.length ? variant(shared, gz, page.etag, "gzip") : identity,
  };
  const distinct = new Set(Object.values(variants));
  let bytes = page.key.length;
  for (const v of distinct) bytes += v.body.length + v.rawHeaders.join("").length;
  return {
    key: page.key,
    tags: page.tags,
    variants,
    lastModifiedMs: page.lastModifiedMs,
    expiresAt: page.expiresAt,
    bytes,
  };
}

function variant(
  shared: [string, string][],
  body: Buffer,
  baseEtag: string,
  encoding: PageEncoding,
): PageVariant {
  const etag = encoding === "identity" ? baseEtag : baseEtag.replace(/"$/, `-${encoding}"`);
  const own: [string, string][] = [
    ["etag", etag],
    ["vary", "Accept-Encoding"],
    ...(encoding === "identity" ? [] : [["content-encoding", encoding] as [string, string]]),
  ];
  const full = [...shared, ...own, ["content-length", String(body.length)] as [string, string]];
  const notModified = [...shared, ...own].filter(([name]) => !NOT_ON_304.has(name));
  return {
    body,
    etag,
    headers: Object.fromEntries(full),
    rawHeaders: full.flat(),
    notModifiedHeaders: Object.fromEntries(notModified),
    rawNotModifiedHeaders: notModified.flat(),
  };
}
