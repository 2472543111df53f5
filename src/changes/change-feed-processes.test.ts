import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { silentLogger } from "../core/log.js";
import { writerChangeFeed } from "./database-change-feed.js";
import { recordChange } from "./record-change.js";

interface Delivery {
  id: number;
  kind: string;
  receivedAt: number;
}

/** Starts test/support/feed-child.ts on the same data; resolves once it listens. */
function startReader(database: TestDatabase) {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/feed-child.ts"], {
    env: { ...process.env, RESOU_CHILD_URL: database.url, RESOU_CHILD_SCHEMA: database.schema },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const deliveries: Delivery[] = [];
  let buffer = "";
  let onLine: () => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`reader exited with ${code}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line === "ready") resolve();
        else if (line.startsWith("{")) deliveries.push(JSON.parse(line) as Delivery);
        onLine();
        newline = buffer.indexOf("\n");
      }
    });
  });
  const delivered = (id: number) =>
    new Promise<Delivery>((resolve) => {
      const check = () => {
        // At least: on PostgreSQL the change's final id is given at commit (migration 1210).
        const found = deliveries.find((d) => d.id >= id);
        if (found) resolve(found);
      };
      onLine = check;
      check();
    });
  return { child, ready, deliveries, delivered };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

describe.each(TEST_DIALECTS)("the change feed across processes on %s", (dialect) => {
  let database: TestDatabase;
  let reader: ReturnType<typeof startReader> | undefined;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    if (reader) await stop(reader.child);
    reader = undefined;
    await database.destroy();
  });

  it("a change committed here reaches a listener in another process within a second", async () => {
    reader = startReader(database);
    await reader.ready;
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const committedAt = Date.now();
      const id = await database.db
        .transaction()
        .execute((trx) => recordChange(trx, { kind: "trends", topicIds: [i] }));
      const delivery = await reader.delivered(id);
      latencies.push(delivery.receivedAt - committedAt);
    }
    expect(Math.max(...latencies)).toBeLessThan(1000);
    console.info(`${dialect}: commit to delivery in another process, ms: ${latencies.join(", ")}`);
  }, 60_000);

  it("settle returns only once the other process has delivered the change", async () => {
    reader = startReader(database);
    await reader.ready;
    const writer = await writerChangeFeed(database, silentLogger);
    const id = await database.db
      .transaction()
      .execute((trx) => recordChange(trx, { kind: "related", articleIds: [1] }));
    await writer.settle(id);
    // The reader flushed its line before reporting; reading the pipe takes one turn of I/O.
    const seen = await Promise.race([
      reader.delivered(id).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 100)),
    ]);
    expect(seen).toBe(true);
  }, 60_000);
});
