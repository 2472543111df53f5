import type { IncomingMessage, ServerResponse } from "node:http";
import { answerFromEntry } from "./page-answer.js";
import type { PageCache } from "./page-cache.js";

/**
 * Answers a request for a stored page straight from Node's `http` server, before Hono sees
 * it: no Request/Response objects, no routing, no middleware, headers written from the
 * entry's precomputed list. Returns false (having written nothing) when the page is not
 * stored, so the caller hands the request to the app, whose middleware renders and stores it.
 */
export function serveCachedPage(
  cache: PageCache,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const method = req.method;
  if (method !== "GET" && method !== "HEAD") return false;
  const url = req.url;
  if (url === undefined || url.includes("?")) return false;
  const entry = cache.get(url);
  if (!entry) return false;
  const headers = req.headers;
  const answer = answerFromEntry(entry, {
    acceptEncoding: headers["accept-encoding"],
    ifNoneMatch: headers["if-none-match"],
    ifModifiedSince: headers["if-modified-since"],
  });
  if (answer.status === 304) {
    res.writeHead(304, answer.variant.rawNotModifiedHeaders);
    res.end();
  } else {
    res.writeHead(200, answer.variant.rawHeaders);
    res.end(method === "HEAD" ? undefined : answer.variant.body);
  }
  return true;
}
