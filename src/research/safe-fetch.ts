import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { Config } from "../config/env.js";
import { addressAllowed } from "./address-policy.js";

export type FetchReason =
  | "bad_url"
  | "forbidden_address"
  | "timeout"
  | "too_large"
  | "wrong_content_type"
  | "redirect_loop"
  | "http_error"
  | "network";

export type FetchOutcome =
  | { ok: true; url: string; status: number; contentType: string; body: string }
  | { ok: false; reason: FetchReason; detail: string };

export interface FetchPolicy {
  /** One deadline for the whole exchange: connect, redirects and body. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Loopback addresses are refused unless this is set (configuration, for local servers). */
  allowLoopback: boolean;
  userAgent: string;
}

export function fetchPolicy(config: Config): FetchPolicy {
  return {
    timeoutMs: config.RESEARCH_FETCH_TIMEOUT_MS,
    maxBytes: config.RESEARCH_FETCH_MAX_BYTES,
    maxRedirects: 5,
    allowLoopback: config.RESEARCH_FETCH_ALLOW_LOOPBACK,
    userAgent: config.RESEARCH_USER_AGENT,
  };
}

export const FEED_TYPES = [
  "application/rss+xml",
  "application/atom+xml",
  "application/rdf+xml",
  "application/xml",
  "text/xml",
];
export const PAGE_TYPES = ["text/html", "application/xhtml+xml"];

class FetchStop extends Error {
  constructor(
    readonly reason: FetchReason,
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * Checks every address a host name resolves to at connect time (so a DNS answer cannot
 * change between a check and the connection), refusing non-public ones.
 */
function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      const refused = addresses.find((a) => !addressAllowed(a.address, allowLoopback));
      if (refused || addresses.length === 0) {
        const stop = new FetchStop(
          "forbidden_address",
          `${hostname} resolves to ${refused?.address ?? "nothing"}, which is not a public address`,
        );
        return callback(stop as NodeJS.ErrnoException, "", 4);
      }
      if (options.all) return callback(null, addresses as unknown as string, 4);
      const first = addresses[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
}

function checkUrl(raw: string, allowLoopback: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchStop("bad_url", `not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new FetchStop("bad_url", `only http and https links are fetched, not ${url.protocol}`);
  if (url.username || url.password)
    throw new FetchStop("bad_url", "links with a user name or password are not fetched");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0 && !addressAllowed(host, allowLoopback))
    throw new FetchStop("forbidden_address", `${host} is not a public address`);
  return url;
}

function charsetOf(contentType: string, head: string): string {
  const declared =
    /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding=["']([\w-]+)/i.exec(head)?.[1] ??
    "utf-8";
  const name = declared.toLowerCase();
  return name === "gb2312" ? "gbk" : name;
}

function decode(bytes: Buffer, contentType: string): string {
  const head = bytes.subarray(0, 2048).toString("latin1");
  try {
    return new TextDecoder(charsetOf(contentType, head)).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function open(url: URL, policy: FetchPolicy, signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: "GET",
        signal,
        lookup: guardedLookup(policy.allowLoopback),
        headers: {
          "User-Agent": policy.userAgent,
          Accept: "application/rss+xml, application/atom+xml, application/xml, text/html;q=0.9",
          "Accept-Encoding": "gzip, deflate, br",
        },
      },
      resolve,
    );
    req.on("error", reject);
    req.end();
  });
}

async function readLimited(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = (response.headers["content-encoding"] ?? "").toLowerCase();
  const declared = Number(response.headers["content-length"] ?? "");
  if (Number.isFinite(declared) && declared > maxBytes)
    throw new FetchStop("too_large", `the answer is ${declared} bytes; the limit is ${maxBytes}`);
  const stream =
    encoding === "gzip"
      ? response.pipe(createGunzip())
      : encoding === "br"
        ? response.pipe(createBrotliDecompress())
        : encoding === "deflate"
          ? response.pipe(createInflate())
          : response;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      response.destroy();
      throw new FetchStop("too_large", `the answer is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * One GET of a feed or page under the research fetch policy: http(s) only, public addresses
 * only (loopback only when configured), redirects followed by hand and bounded, one deadline
 * covering redirects and the body, a size cap, and the content type checked against
 * `accept`. Never throws: every fault is an outcome with a reason.
 */
export async function safeFetch(
  rawUrl: string,
  accept: string[],
  policy: FetchPolicy,
): Promise<FetchOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  const seen = new Set<string>();
  let current = rawUrl;
  try {
    for (let hop = 0; ; hop++) {
      const url = checkUrl(current, policy.allowLoopback);
      seen.add(url.href);
      const response = await open(url, policy, controller.signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        const next = new URL(response.headers.location, url).href;
        if (seen.has(next))
          throw new FetchStop("redirect_loop", `redirect loop back to ${next.slice(0, 200)}`);
        if (hop >= policy.maxRedirects)
          throw new FetchStop("redirect_loop", `more than ${policy.maxRedirects} redirects`);
        current = next;
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new FetchStop("http_error", `HTTP ${status}`);
      }
      const contentType = String(response.headers["content-type"] ?? "");
      const mime = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
      if (!accept.includes(mime)) {
        response.destroy();
        throw new FetchStop(
          "wrong_content_type",
          `content type ${mime || "(none)"}; expected ${accept.join(", ")}`,
        );
      }
      const bytes = await readLimited(response, policy.maxBytes);
      return { ok: true, url: url.href, status, contentType, body: decode(bytes, contentType) };
    }
  } catch (error) {
    if (error instanceof FetchStop)
      return { ok: false, reason: error.reason, detail: error.message };
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof FetchStop)
      return { ok: false, reason: cause.reason, detail: cause.message };
    if (controller.signal.aborted)
      return {
        ok: false,
        reason: "timeout",
        detail: `no complete answer within ${policy.timeoutMs} ms`,
      };
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: "network",
      detail: `${code ? `${code}: ` : ""}${message}`.slice(0, 300),
    };
  } finally {
    clearTimeout(timer);
  }
}
