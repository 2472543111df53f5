/**
 * The child process of the crash-safety benchmark: writes as fast as it can until it is
 * killed with SIGKILL. Each round imports two Markdown articles (rows + search entries, one
 * transaction), ingests a hot-search list (snapshot + points + topics), creates two stories
 * in the newsroom and publishes one now and schedules the other a moment ahead, enqueues a
 * job and runs due jobs: the job's effect is an article keyed by the job id, and the
 * scheduled story's job publishes it once due.
 *
 *   tsx bench/support/crash-workload.ts <url> <schema> <seed>   (writes after a line on stdin)
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importArticles } from "../../src/content/import/import-articles.js";
import { systemClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/log.js";
import { openDatabase } from "../../src/db/database.js";
import { enqueueJob } from "../../src/jobs/job-queue.js";
import { type JobHandler, startWorker } from "../../src/jobs/worker.js";
import { ingestSnapshot } from "../../src/trends/snapshot-store.js";
import { validateList } from "../../src/trends/snapshot-validate.js";
import { parseMWeiboCn } from "../../src/trends/sources/m-weibo-cn-source.js";
import { isFailure } from "../../src/trends/sources/trend-source.js";
import { mWeiboCnCaptures } from "../../src/trends/testing/weibo-fixtures.js";
import { crashJobHandler } from "./crash-job.js";
import { newsroomCommands, newsroomRound, publishHandlers } from "./crash-newsroom.js";

const [url, schema, seedArg] = process.argv.slice(2);
if (!url || !schema || !seedArg) throw new Error("usage: crash-workload <url> <schema> <seed>");
const seed = Number(seedArg);
const database = await openDatabase({ url, schema });
const dir = mkdtempSync(join(tmpdir(), "resou-crash-"));
mkdirSync(dir, { recursive: true });
const captures = mWeiboCnCaptures();
const newsroom = await newsroomCommands(database);
// Loaded and connected: the bench starts the next child while the previous one runs and is
// checked, and lets it write only once that check is done (a line on stdin).
process.stdout.write("loaded\n");
process.stdin.once("end", () => process.exit(0)); // the bench went away
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
// Where a kill lands: each step and each job run is announced on stdout before it starts
// (pipes are written synchronously on Linux, so the bench has the line before the kill).
const step = (name: string) => process.stdout.write(`step ${name}\n`);
const announced = (handlers: Record<string, JobHandler>): Record<string, JobHandler> =>
  Object.fromEntries(
    Object.entries(handlers).map(([kind, handler]): [string, JobHandler] => [
      kind,
      async (payload, context) => {
        process.stdout.write(`job+ ${kind}\n`);
        await handler(payload, context);
        process.stdout.write(`job- ${kind}\n`);
      },
    ]),
  );
const worker = startWorker({
  database,
  clock: systemClock,
  log: silentLogger,
  handlers: announced({
    "crash-test": crashJobHandler(database),
    ...(await publishHandlers(database)),
  }),
  pollMs: 5,
});
process.stdout.write("ready\n");

async function importTwo(round: number) {
  const files = [0, 1].map((k) => {
    const slug = `crash-${seed}-${round}-${k}`;
    const file = join(dir, `${slug}.md`);
    writeFileSync(
      file,
      `---\ntitle: Crash test ${seed} ${round} ${k}\ncategory: Society\nslug: ${slug}\ndate: 2026-01-01\n---\n\nA lead paragraph about the typhoon drill, round ${round}.\n\n## What happened\n\nOfficials said the drill went well.\n`,
    );
    return file;
  });
  step("import");
  await importArticles(database, files, {
    now: new Date(),
    deskByline: "Resou Desk",
    timeZone: "Asia/Shanghai",
  });
}

async function ingestOne(round: number) {
  const capture = captures[round % captures.length];
  if (!capture) return;
  // A distinct payload each round (trailing spaces), so it is stored, not a duplicate.
  const payload = `${capture.body}${" ".repeat((seed * 1000 + round) % 4096)}`;
  const parsed = parseMWeiboCn(payload);
  if (isFailure(parsed)) return;
  const list = validateList(parsed);
  if (!list.ok) return;
  step("snapshot ingest");
  await ingestSnapshot(
    database.db,
    {
      source: "m-weibo-cn",
      // Distinct minutes per child and round, all in the past (a future capture is refused).
      capturedAt: new Date(Date.UTC(2020, 0, 1) + (seed * 1_000 + round) * 60_000),
      payload,
      contentType: "application/json",
      list,
    },
    new Date(),
  );
}

async function runJobs(round: number) {
  step("enqueue job");
  await enqueueJob(database, "crash-test", { seed, round }, new Date());
  step("run due jobs");
  await worker.drain();
}

const parts = [
  importTwo,
  ingestOne,
  (round: number) => newsroomRound(newsroom, seed, round, step),
  runJobs,
];
// Each child starts at a different part, so kills land in every part even when the machine
// is so slow that a child is killed during its first round.
for (let k = seed % parts.length; ; k++) {
  const round = Math.floor(k / parts.length);
  await parts[k % parts.length]?.(round);
}
