import { startChangeFeed } from "../../src/changes/database-change-feed.js";
import { silentLogger } from "../../src/core/log.js";
import { openDatabase } from "../../src/db/database.js";

/**
 * Another process reading the change feed: prints `ready`, then one JSON line per delivered
 * change (`{ id, kind, receivedAt }`, epoch ms). The line is flushed to the pipe before the
 * listener returns, so a writer's `settle` cannot resolve before the parent can read it.
 * Env: RESOU_CHILD_URL, RESOU_CHILD_SCHEMA.
 */
const database = await openDatabase({
  url: process.env.RESOU_CHILD_URL ?? "",
  schema: process.env.RESOU_CHILD_SCHEMA ?? "public",
});
const feed = await startChangeFeed({ database, log: silentLogger, role: "web", pollMs: 50 });
feed.subscribe(async (batch) => {
  const receivedAt = Date.now();
  const lines = batch.map((c) => `${JSON.stringify({ id: c.id, kind: c.kind, receivedAt })}\n`);
  await new Promise<void>((resolve) => process.stdout.write(lines.join(""), () => resolve()));
});
// The feed's timers do not hold a process open (on SQLite nothing else would): this does.
const alive = setInterval(() => undefined, 60_000);
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  clearInterval(alive);
  void feed
    .stop()
    .then(() => database.destroy())
    .then(() => process.exit(0));
});
