import type { Server } from "node:http";
import type { Duplex } from "node:stream";
import { cutQuery } from "../content/search-terms.js";

type Fetch = (request: Request) => Response | Promise<Response>;

interface ParserError extends Error {
  code?: string;
  /** The bytes the parser was reading when it gave up (Node sets it for parser errors). */
  rawPacket?: Buffer;
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  413: "Content Too Large",
  414: "URI Too Long",
  431: "Request Header Fields Too Large",
};

/**
 * Node's limit on a request's head is raised from 16 to 64 KB, so a pasted article (20,000
 * characters of English is ~27 KB once encoded) reaches the search page, which cuts it.
 */
export const MAX_HEADER_BYTES = 64 * 1024;

/** A pasted query is searched up to this long before the search page cuts it again. */
const RESCUED_QUERY = 2000;

/**
 * Requests Node's HTTP parser refuses before the app sees them (an address or headers
 * over MAX_HEADER_BYTES, a malformed request) get a page of ours with the right status,
 * where Node would send a bare status line. A search too long to arrive is still searched
 * when the read that overflowed holds the start of its address (Node hands over only that
 * read): its first words are taken from it, and the search page for them is sent with
 * status 414, saying the search was cut. Otherwise the 414 page offers a search box.
 */
export function answerClientErrors(server: Server, fetch: Fetch, siteName: string): void {
  server.on("clientError", (error: ParserError, socket: Duplex) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    void answerFor(error, fetch, siteName)
      .then(({ status, html }) => {
        if (!socket.writable) return;
        const body = Buffer.from(html);
        socket.write(
          `HTTP/1.1 ${status} ${REASONS[status] ?? "Bad Request"}\r\n` +
            "Content-Type: text/html; charset=utf-8\r\n" +
            `Content-Length: ${body.length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n`,
        );
        socket.end(body);
      })
      .catch(() => socket.destroy());
  });
}

/** The status and page for a refused request. */
export async function answerFor(
  error: ParserError,
  fetch: Fetch,
  siteName: string,
): Promise<{ status: number; html: string }> {
  const status = statusFor(error);
  const q = status === 414 ? searchedWords(error.rawPacket) : undefined;
  if (q) {
    const url = `http://localhost/search?${new URLSearchParams({ q: cutQuery(q, RESCUED_QUERY) })}`;
    const response = await fetch(new Request(url));
    if (response.ok) return { status, html: await response.text() };
  }
  return { status, html: messagePage(status, siteName) };
}

/** Node's own choice of status, with a long address told apart from long headers. */
function statusFor(error: ParserError): number {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return 408;
  if (error.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW") return 413;
  if (error.code !== "HPE_HEADER_OVERFLOW") return 400;
  const line = requestLine(error.rawPacket);
  if (line) return line.complete ? 431 : 414;
  // A later read of the request, which Node hands over alone: the address when the line it
  // ends is the request line; otherwise no telling, and 431 as Node says (its page says both).
  const text = error.rawPacket?.subarray(0, 64 * 1024).toString("latin1") ?? "";
  const end = text.indexOf("\r\n");
  return end >= 0 && / HTTP\/1\.[01]$/.test(text.slice(0, end)) ? 414 : 431;
}

function requestLine(packet: Buffer | undefined): { text: string; complete: boolean } | undefined {
  if (!packet) return undefined;
  const head = packet.subarray(0, 64 * 1024).toString("latin1");
  if (!/^[A-Z]+ \//.test(head)) return undefined;
  const end = head.indexOf("\r\n");
  // A request line cut off by the limit, or most of it: the address is what is too long.
  const complete = end >= 0 && end < 8 * 1024;
  return { text: end >= 0 ? head.slice(0, end) : head, complete };
}

/** The `q` of a GET /search whose address was cut off: what arrived of it, decoded. */
function searchedWords(packet: Buffer | undefined): string | undefined {
  const line = requestLine(packet);
  const match = line && /^GET \/search\?(\S*)/.exec(line.text);
  if (!match) return undefined;
  // The last parameter may be cut inside an escape or a word; cutQuery drops the word.
  const params = new URLSearchParams((match[1] ?? "").replace(/%[0-9A-Fa-f]?$/, ""));
  const q = params.get("q")?.trim();
  return q ? q : undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const MESSAGES: Record<number, string> = {
  414: "The address you asked for is longer than this site accepts. If you pasted a long text into the search box, search for a few of its words instead.",
  431: "Your browser sent a longer address or more header data than this site accepts. If you pasted a long text into the search box, search for a few of its words; otherwise clearing this site's cookies usually helps.",
};

/** A plain page of our own: the app is not reached, so no layout, only the way back. */
function messagePage(status: number, siteName: string): string {
  const reason = REASONS[status] ?? "Bad Request";
  const message = MESSAGES[status] ?? "Your browser sent a request this site could not read.";
  const name = escapeHtml(siteName);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${reason} · ${name}</title></head>
<body><main><h1>${reason}</h1><p>${escapeHtml(message)}</p>
<form action="/search" method="get"><label for="q">Search ${name}</label>
<input id="q" type="search" name="q" maxlength="200"> <button type="submit">Search</button></form>
<p><a href="/">Go to the front page of ${name}</a></p></main></body></html>`;
}
