import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/env.js";
import { AppError } from "../core/errors.js";
import { silentLogger } from "../core/log.js";
import { openDatabase } from "../db/database.js";
import { enqueueJob } from "../jobs/job-queue.js";
import { type Running, startResou } from "./start.js";

interface Holder {
  child: ChildProcess;
  locked: number;
  released: Promise<number>;
}

/** Starts a second process that takes the write lock for `holdMs`, resolving once it holds it. */
async function holdWriteLock(file: string, holdMs: number): Promise<Holder> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/db/sqlite-lock-holder.ts", file, String(holdMs)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let onReleased: (at: number) => void = () => undefined;
  const released = new Promise<number>((resolve) => {
    onReleased = resolve;
  });
  const locked = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
    lines.on("line", (line) => {
      const event = JSON.parse(line) as { locked?: number; released?: number };
      if (event.locked !== undefined) resolve(event.locked);
      if (event.released !== undefined) onReleased(event.released);
    });
  });
  return { child, locked, released };
}

describe("another process holds the SQLite write lock", () => {
  let dir: string;
  let file: string;
  let running: Running;
  let origin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "resou-busy-"));
    file = join(dir, "resou.db");
    const config = loadConfig({
      PORT: "0",
      DATABASE_URL: `sqlite:${file}`,
      DEMO_CONTENT: "1",
      ROLES: "web,worker,scheduler",
      LOG_LEVEL: "silent",
    });
    running = await startResou(config, silentLogger);
    origin = `http://127.0.0.1:${running.port}`;
  }, 60_000);

  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps answering /healthz and pages while a write waits, then the write succeeds", async () => {
    const holder = await holdWriteLock(file, 3000);
    // An in-process write first: with a synchronous busy wait it would freeze the event loop
    // (and so every request below) until the other process let go.
    let writeDoneAt = 0;
    const write = enqueueJob(running.database, "busy-test", {}, new Date()).then((id) => {
      writeDoneAt = Date.now();
      return id;
    });
    const health = await fetch(`${origin}/healthz`);
    const healthAt = Date.now();
    const home = await fetch(`${origin}/`);
    const homeAt = Date.now();
    expect(health.status).toBe(200);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("<html");

    const id = await write;
    const releasedAt = await holder.released;
    expect(id).toBeGreaterThan(0);
    // Ordering against the other process's clock events, not a latency threshold.
    expect(healthAt).toBeLessThan(releasedAt);
    expect(homeAt).toBeLessThan(releasedAt);
    expect(writeDoneAt).toBeGreaterThanOrEqual(releasedAt);
  }, 30_000);

  it("fails a write cleanly with 'unavailable' (503) when the lock outlasts the wait", async () => {
    const impatient = await openDatabase({ url: `sqlite:${file}`, busyWaitMs: 200 });
    try {
      const holder = await holdWriteLock(file, 2000);
      const error = await enqueueJob(impatient, "busy-test", {}, new Date()).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(503);
      expect((error as AppError).message).toMatch(/database is busy/);
      const releasedAt = await holder.released;
      expect(Date.now()).toBeGreaterThanOrEqual(releasedAt);
      // Nothing half-written: the next write goes through once the lock is free.
      expect(await enqueueJob(impatient, "busy-test", { again: true }, new Date())).toBeGreaterThan(
        0,
      );
    } finally {
      await impatient.destroy();
    }
  }, 30_000);
});
