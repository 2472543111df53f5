import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { Socket } from "node:net";

/** One scripted answer of the fake chat-completions server. */
export type ChatReply =
  /** A complete answer; `json` is serialised, `body` sent as is. */
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status: number; body: string; contentType?: string; headers?: Record<string, string> }
  /** Accept the request and never send headers. */
  | { hang: true }
  /** Send headers at once, then the body in `chunks` pieces `delayMs` apart. */
  | { slowJson: unknown; chunks: number; delayMs: number }
  /** Drop the connection without answering. */
  | { reset: true };

/** What a test sees of each request the server received. */
export interface RecordedChatRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (`model`, `messages`, `response_format`, …). */
  body: ChatRequestBody;
}

export interface ChatRequestBody {
  model?: string;
  messages?: { role: string; content: string }[];
  response_format?: {
    type: string;
    json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> };
  };
  max_tokens?: number;
  temperature?: number;
  [key: string]: unknown;
}

/**
 * Either a queue of answers (the last one repeats once the queue runs dry) or a function of
 * the request, so a pipeline test can answer per `response_format.json_schema.name`.
 */
export type ChatHandler =
  | ChatReply[]
  | ((request: RecordedChatRequest, index: number) => ChatReply | Promise<ChatReply>);

export interface ChatReplayServer {
  /** Base URL to use as `LLM_BASE_URL`, e.g. `http://127.0.0.1:41234/v1`. */
  url: string;
  /** Every chat-completions request received, in order. */
  requests: RecordedChatRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 speaking `POST /v1/chat/completions` and `GET /v1/models`,
 * so the provider code under test runs its real socket, deadline and parsing paths.
 */
export async function startChatReplayServer(
  handler: ChatHandler,
  options: { models?: string[] } = {},
): Promise<ChatReplayServer> {
  const queue = Array.isArray(handler) ? [...handler] : null;
  const requests: RecordedChatRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const next = async (request: RecordedChatRequest, index: number): Promise<ChatReply> => {
    if (queue) {
      const reply = queue.length > 1 ? queue.shift() : queue[0];
      if (!reply) throw new Error("chat replay server: empty answer queue");
      return reply;
    }
    if (typeof handler === "function") return handler(request, index);
    throw new Error("unreachable");
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (req.method === "GET" && path === "/v1/models") {
      const data = (options.models ?? ["replay-model"]).map((id) => ({
        id,
        object: "model",
        created: 0,
        owned_by: "replay",
      }));
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ object: "list", data }));
      return;
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      res.writeHead(404, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let body: ChatRequestBody;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequestBody;
      } catch {
        res.writeHead(400, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: { message: "request body is not JSON" } }));
        return;
      }
      const recorded: RecordedChatRequest = { path, headers: req.headers, body };
      requests.push(recorded);
      next(recorded, requests.length - 1).then(
        (reply) => send(reply),
        (error: unknown) => {
          res.writeHead(500, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ error: { message: String(error) } }));
        },
      );
    });

    function send(reply: ChatReply): void {
      if ("reset" in reply) {
        req.socket.destroy();
        return;
      }
      if ("hang" in reply) return;
      if ("slowJson" in reply) {
        const text = JSON.stringify(reply.slowJson);
        res.writeHead(200, { "Content-Type": "application/json" });
        const size = Math.ceil(text.length / reply.chunks);
        let sent = 0;
        const tick = () => {
          if (res.destroyed) return;
          res.write(text.slice(sent, sent + size));
          sent += size;
          if (sent >= text.length) res.end();
          else timers.add(setTimeout(tick, reply.delayMs));
        };
        tick();
        return;
      }
      const isJson = "json" in reply;
      const text = isJson ? JSON.stringify(reply.json) : reply.body;
      const contentType = isJson ? "application/json" : (reply.contentType ?? "application/json");
      res.writeHead(reply.status ?? 200, { "Content-Type": contentType, ...reply.headers });
      res.end(text);
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("chat replay server: no port");
  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    requests,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
