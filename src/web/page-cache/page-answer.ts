import { chooseEncoding } from "./accept-encoding.js";
import type { PageEntry, PageVariant } from "./page-entry.js";
import { isNotModified } from "./validators.js";

/** What a request gets from a cached page: the variant it accepts, whole or as a 304. */
export interface PageAnswer {
  status: 200 | 304;
  variant: PageVariant;
}

export interface ConditionalHeaders {
  acceptEncoding: string | undefined;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
}

export function answerFromEntry(entry: PageEntry, request: ConditionalHeaders): PageAnswer {
  const variant = entry.variants[chooseEncoding(request.acceptEncoding)];
  const fresh = isNotModified(
    request.ifNoneMatch,
    request.ifModifiedSince,
    variant.etag,
    entry.lastModifiedMs,
  );
  return { status: fresh ? 304 : 200, variant };
}

/** The answer as a fetch Response (the Hono middleware's path). */
export function answerResponse(answer: PageAnswer, head: boolean): Response {
  if (answer.status === 304) {
    return new Response(null, { status: 304, headers: answer.variant.notModifiedHeaders });
  }
  // A Buffer is a Uint8Array; Node's typings just widen its backing store to SharedArrayBuffer.
  const body = answer.variant.body as Uint8Array<ArrayBuffer>;
  return new Response(head ? null : body, {
    status: 200,
    headers: answer.variant.headers,
  });
}
