import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { Socket } from "node:net";

/** One scripted answer of the fake Weibo. */
export type ReplayStep =
  | { status: number; contentType?: string; body?: string; headers?: Record<string, string> }
  | { redirect: string; status?: number }
  | { reset: true }
  | { hang: true }
  | { slow: string; contentType: string; chunks: number; delayMs: number }
  | { cutAfter: number; body: string; contentType: string };

export interface ReplayServer {
  origin: string;
  /** Queue answers for a path; the last one repeats once the queue runs dry. */
  script(path: string, steps: ReplayStep[]): void;
  hits(path: string): IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 that replays captures and failures, in order, per path. */
export async function startReplayServer(): Promise<ReplayServer> {
  const queues = new Map<string, ReplayStep[]>();
  const log = new Map<string, IncomingHttpHeaders[]>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    log.set(path, [...(log.get(path) ?? []), req.headers]);
    const queue = queues.get(path) ?? [];
    const step = queue.length > 1 ? queue.shift() : queue[0];
    if (!step) {
      res.writeHead(404).end();
      return;
    }
    if ("reset" in step) {
      req.socket.destroy();
      return;
    }
    if ("hang" in step) return;
    if ("redirect" in step) {
      res.writeHead(step.status ?? 302, { Location: step.redirect }).end();
      return;
    }
    if ("slow" in step) {
      res.writeHead(200, { "Content-Type": step.contentType });
      const size = Math.ceil(step.slow.length / step.chunks);
      let sent = 0;
      const tick = () => {
        if (res.destroyed) return;
        res.write(step.slow.slice(sent, sent + size));
        sent += size;
        if (sent >= step.slow.length) res.end();
        else timers.add(setTimeout(tick, step.delayMs));
      };
      tick();
      return;
    }
    if ("cutAfter" in step) {
      const bytes = Buffer.from(step.body, "utf8");
      res.writeHead(200, {
        "Content-Type": step.contentType,
        "Content-Length": String(bytes.length),
      });
      res.write(bytes.subarray(0, step.cutAfter), () => req.socket.destroy());
      return;
    }
    res.writeHead(step.status, {
      "Content-Type": step.contentType ?? "application/json",
      ...step.headers,
    });
    res.end(step.body ?? "");
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    script(path, steps) {
      queues.set(path, [...steps]);
    },
    hits: (path) => log.get(path) ?? [],
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const PATHS = {
  mWeiboCn: "/api/container/getIndex",
  side: "/ajax/side/hotSearch",
  summary: "/top/summary",
} as const;
