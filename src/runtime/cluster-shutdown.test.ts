import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alive, freePort, refuses } from "../../test/support/process-probes.js";
import { createTestDatabase, type TestDatabase } from "../../test/support/test-database.js";

/**
 * Issue 11: `npm run start:cluster` (scripts/cluster.ts) on one PostgreSQL. SIGTERM to the
 * launcher stops every child cleanly: the primary exits 0, the shared port is free and no
 * process leaves its `change_reader` row behind (writers would wait for a dead reader until
 * its heartbeat went stale).
 */
const REPO = fileURLToPath(new URL("../../", import.meta.url));
const WEB = 2;

describe("the cluster on PostgreSQL", () => {
  let database: TestDatabase;
  let launcher: ChildProcess | undefined;
  const childPids = new Set<number>();
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    // Only what this test started, by id, if an expectation failed half-way.
    for (const pid of childPids) if (alive(pid)) process.kill(pid, "SIGKILL");
    if (launcher?.pid && alive(launcher.pid)) launcher.kill("SIGKILL");
    await database.destroy();
  });

  it("stops every process on SIGTERM: exit 0, port free, no reader rows", async () => {
    const port = await freePort();
    // As a user runs it: through npm, whose SIGTERM must reach the primary (npm's shell
    // used to die alone and leave the cluster running, its reader rows in the table).
    launcher = spawn("npm", ["run", "--silent", "start:cluster", "--", "--web", String(WEB)], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: database.url,
        DATABASE_SCHEMA: database.schema,
        DEMO_CONTENT: "0",
        DEMO_TRENDS: "0",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines: string[] = [];
    const output = createInterface({
      input: launcher.stdout as NonNullable<typeof launcher.stdout>,
    });
    const exited = new Promise<number | null>((resolve) => launcher?.once("exit", resolve));
    const roles = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      void exited.then((code) =>
        reject(new Error(`cluster exited (${code}): ${lines.join("\n")}`)),
      );
      let up = 0;
      output.on("line", (line) => {
        lines.push(line);
        if (!line.startsWith("{")) return;
        const entry = JSON.parse(line) as { msg?: string; pid?: number; roles?: string[] };
        if (entry.msg === "cluster started" && entry.pid) childPids.add(entry.pid);
        if (entry.msg !== "resou started") return;
        if (entry.pid) childPids.add(entry.pid);
        for (const role of entry.roles ?? []) roles.add(role);
        if (++up === WEB + 2) resolve();
      });
    });
    expect([...roles].sort()).toEqual(["scheduler", "web", "worker"]);
    expect((await fetch(`http://127.0.0.1:${port}/robots.txt`)).status).toBe(200);
    const readers = await database.db.selectFrom("change_reader").select("reader_id").execute();
    expect(readers).toHaveLength(WEB + 2);

    launcher.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const pid of childPids) expect(alive(pid), `child ${pid} still runs`).toBe(false);
    expect(await refuses(port)).toBe(true);
    const left = await database.db.selectFrom("change_reader").selectAll().execute();
    expect(left).toEqual([]);
  }, 300_000);
});
