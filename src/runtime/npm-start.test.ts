import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { alive, freePort, refuses } from "../../test/support/process-probes.js";

/**
 * Issue 14: `npm start` as a user runs it, in a real child process. With PORT alone the
 * site's links follow that port; `kill <pid of npm>` reaches the server, which shuts down
 * and frees the port (before, npm's shell died and the server kept running, orphaned).
 */
const REPO = fileURLToPath(new URL("../../", import.meta.url));

describe("npm start", () => {
  const dir = mkdtempSync(join(tmpdir(), "resou-start-"));
  let npm: ChildProcess | undefined;
  let serverPid: number | undefined;
  afterAll(() => {
    // Only what this test started, by id, if an expectation failed half-way.
    if (serverPid && alive(serverPid)) process.kill(serverPid, "SIGKILL");
    if (npm?.pid && alive(npm.pid)) npm.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("links to the port it listens on and stops, port freed, when npm is killed", async () => {
    const port = await freePort();
    npm = spawn("npm", ["start"], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: dir,
        PORT: String(port),
        DATABASE_URL: `sqlite:${join(dir, "resou.db")}`,
        DEMO_CONTENT: "0",
        LOG_LEVEL: "info",
        ROLES: "web",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines: string[] = [];
    const output = createInterface({ input: npm.stdout as NonNullable<typeof npm.stdout> });
    const up = await new Promise<Record<string, unknown>>((resolve, reject) => {
      npm?.once("exit", (code) =>
        reject(new Error(`npm start exited (${code}): ${lines.join("\n")}`)),
      );
      output.on("line", (line) => {
        lines.push(line);
        if (line.includes('"site is up"')) resolve(JSON.parse(line) as Record<string, unknown>);
      });
    });
    serverPid = Number(up.pid);
    expect(serverPid).not.toBe(npm.pid);
    const robots = await (await fetch(`http://127.0.0.1:${port}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: http://localhost:${port}/sitemap.xml`);

    const npmExit = new Promise<number | null>((resolve) => npm?.once("exit", resolve));
    npm.kill("SIGTERM");
    await npmExit;
    // The server itself got the signal: it logs its shutdown, exits, and the port is free.
    for (let i = 0; i < 100 && alive(serverPid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(serverPid)).toBe(false);
    expect(await refuses(port)).toBe(true);
    expect(lines.some((line) => line.includes('"shutting down"'))).toBe(true);
  }, 120_000);
});
