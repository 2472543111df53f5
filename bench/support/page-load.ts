import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, get, type Server } from "node:http";
import autocannon from "autocannon";
import { ensureBuilt } from "../../scripts/build.mjs";
import { freePort } from "./free-port.js";
import { SERVER_NODE_ARGS } from "./server-node-args.js";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Peak and current resident memory of a process, from /proc (MB). */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? "0");
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/**
 * One GET on a fresh connection (no keep-alive): a reused idle socket can be closed by the
 * server's keep-alive timeout just as a request goes out, which is not what is measured.
 */
export async function fetchText(
  origin: string,
  path: string,
): Promise<{ status: number; body: string }> {
  const { status, body } = await fetchBytes(origin, path);
  return { status, body: body.toString("utf8") };
}

/** The bytes as sent (not decoded), with their Content-Encoding. */
export function fetchBytes(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    get(`${origin}${path}`, { agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks),
          encoding: res.headers["content-encoding"],
        }),
      );
      res.on("error", reject);
    }).on("error", reject);
  });
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** One autocannon run; `path` may change per request (a cold run walks distinct pages). */
export async function measure(
  origin: string,
  options: {
    seconds: number;
    connections: number;
    path: string | (() => string);
    headers?: Record<string, string>;
  },
): Promise<LoadResult> {
  const { path } = options;
  const result = await autocannon({
    url: origin,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    headers: options.headers ?? {},
    requests:
      typeof path === "string"
        ? [{ path }]
        : [{ setupRequest: (request) => ({ ...request, path: path() }) }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** The baseline: Node's own `http` server handing out fixed bytes of the page's size. */
export async function startRawServer(
  body: Buffer,
  encoding?: string,
): Promise<{ origin: string; server: Server }> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-length": body.length,
      ...(encoding ? { "content-encoding": encoding } : {}),
    });
    res.end(body);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${port}`, server };
}

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  origin: string;
  /** Milliseconds from spawning the process to its first served page. */
  startMs: number;
  stop(): Promise<void>;
}

/** The server as `npm start` runs it (the bundle in dist/), in its own process, web role only. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  await ensureBuilt();
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, "dist/main.js"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DEMO_CONTENT: "0",
      LOG_LEVEL: "warn",
      ROLES: "web",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const origin = `http://127.0.0.1:${port}`;
  let startMs = Number.NaN;
  for (let i = 0; i < 1200; i += 1) {
    const ok = await fetchText(origin, "/").then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) {
      startMs = performance.now() - t0;
      break;
    }
    await sleep(25);
  }
  if (Number.isNaN(startMs)) {
    child.kill("SIGTERM");
    throw new Error("the server did not serve its home page within 30 s");
  }
  return {
    child,
    pid: child.pid ?? 0,
    origin,
    startMs,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}
