import { type FetchFailure, failure } from "./fetch-failure.js";
import type { SourceRequest } from "./sources/trend-source.js";

export interface HttpAnswer {
  ok: true;
  status: number;
  contentType: string;
  body: string;
  /** URL after redirects. */
  url: string;
}

export interface HttpOptions {
  /** Deadline for the whole exchange, redirects and body included. */
  timeoutMs: number;
  maxBytes?: number;
  maxRedirects?: number;
}

const BLOCKED = new Set([403, 418, 429, 432]);

/**
 * One GET with a hard deadline, a body-size cap and redirects followed by hand, so a visitor
 * redirect or a redirect loop is named as such instead of surfacing as a generic error.
 * Never throws: every fault becomes a `FetchFailure`.
 */
export async function httpGet(
  request: SourceRequest,
  options: HttpOptions,
): Promise<HttpAnswer | FetchFailure> {
  const controller = new AbortController();
  // The abort carries its own reason object, and a fault is named after the error that was
  // actually thrown. Asking "is the signal aborted?" in the catch instead mislabels a reset or
  // a cut body as a timeout whenever the deadline timer happens to fire in the ticks between
  // the socket error and this function resuming (seen on a loaded machine).
  const deadline = new Error(`deadline of ${options.timeoutMs} ms`);
  const timer = setTimeout(() => controller.abort(deadline), options.timeoutMs);
  const maxRedirects = options.maxRedirects ?? 5;
  const seen = new Set<string>();
  let url = request.url;
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, {
        headers: request.headers,
        redirect: "manual",
        signal: controller.signal,
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get("location");
        if (!location)
          return failure("http_error", `HTTP ${response.status} without Location`, response.status);
        const next = new URL(location, url).toString();
        if (/passport\.weibo\.c(n|om)\/visitor|visitor\.passport/i.test(next)) {
          return failure("visitor_system", `redirected to ${new URL(next).host}`, response.status);
        }
        seen.add(url);
        if (seen.has(next) || hop >= maxRedirects) {
          return failure(
            "redirect_loop",
            `more than ${maxRedirects} redirects or a cycle at ${next}`,
            response.status,
          );
        }
        url = next;
        continue;
      }
      if (BLOCKED.has(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        return failure("blocked", `HTTP ${response.status}`, response.status);
      }
      const contentType = response.headers.get("content-type") ?? "";
      const body = await readBody(response, options.maxBytes ?? 4_000_000, contentType);
      if (typeof body !== "string") return { ...body, httpStatus: response.status };
      if (response.status !== 200)
        return failure("http_error", `HTTP ${response.status}`, response.status);
      return { ok: true, status: response.status, contentType, body, url };
    }
  } catch (error) {
    if (error === deadline)
      return failure("timeout", `no complete answer within ${options.timeoutMs} ms`);
    return failure("network", describe(error));
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(
  response: Response,
  maxBytes: number,
  contentType: string,
): Promise<string | FetchFailure> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return failure("too_large", `body over ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  const charset = contentType.match(/charset=([\w-]+)/i)?.[1]?.toLowerCase() ?? "utf-8";
  try {
    return new TextDecoder(charset === "gb2312" ? "gbk" : charset).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause =
    error.cause instanceof Error
      ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}`
      : "";
  return `${error.message}${cause}`.slice(0, 200);
}
