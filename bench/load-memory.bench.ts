/**
 * Throughput and memory under a mixed load (issue 12, finding 5). Builds a SQLite database of
 * ~20,000 published articles, starts the server in a child process as `npm start` does
 * (dist/main.js, same Node flags), warms it up, runs a mixed autocannon load on loopback (home, articles,
 * categories, search, feeds), then lets it idle, printing req/s, time-outs and the server's
 * RSS after warm-up, each minute of the soak and after idling. Target: RSS after the soak
 * within 20 % of its level after warm-up.
 *
 * The warm-up is the baseline, so it must leave every bounded cache as full as the soak will:
 * it first walks every kind of page the soak asks for (home, every category page the soak can
 * reach, every search word, the feed) and more distinct articles than the page cache holds
 * (it checks that the cache evicted), then runs the mixed load. A memory probe in the server
 * (`support/memory-probe.mjs`) splits RSS into the V8 heap, Buffers and what lies outside both
 * (native libraries, the allocator), so growth can be traced to its owner.
 *
 *   tsx bench/load-memory.bench.ts            10-minute soak
 *   tsx bench/load-memory.bench.ts --quick    1-minute soak
 *   --n <articles>  --connections <n>
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { ensureBuilt } from "../scripts/build.mjs";
import { ensureCategories } from "../src/content/categories.js";
import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { articleRow } from "../test/support/article-row.js";
import { freePort } from "./support/free-port.js";
import { SERVER_NODE_ARGS } from "./support/server-node-args.js";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const N = arg("--n", 20_000);
const CONNECTIONS = arg("--connections", 100);
const WARMUP_S = quick ? 10 : 30;
/** Distinct articles the warm-up walks: more than the page cache holds, so it ends full. */
const WARM_ARTICLES = arg("--warm-articles", 3_000);
const SOAK_S = quick ? 60 : 600;
const IDLE_S = quick ? 15 : 60;

const WORDS =
  "typhoon evacuation drill city officials said residents weibo trending topic school exam rail line opened market prices students heat wave national team final".split(
    " ",
  );

async function buildDatabase(file: string): Promise<{ slugs: string[]; categories: string[] }> {
  const database = await openDatabase({ url: `sqlite:${file}` });
  await migrateToLatest(database);
  await ensureCategories(database.db, [
    "News & Politics",
    "Society",
    "Business & Tech",
    "Entertainment",
    "Sports",
  ]);
  const categories = await database.db.selectFrom("category").select(["id", "slug"]).execute();
  const author = await database.db
    .insertInto("author")
    .values({ slug: "desk", name: "Desk", kind: "desk", bio: "" })
    .returning("id")
    .executeTakeFirstOrThrow();
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const sentence = (n: number) =>
    Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" ");
  const slugs: string[] = [];
  const start = Date.now() - N * 60_000;
  for (let from = 0; from < N; from += 500) {
    const rows = Array.from({ length: Math.min(500, N - from) }, (_, k) => {
      const i = from + k;
      const slug = `load-${i}`;
      slugs.push(slug);
      return articleRow({
        slug,
        headline: `${sentence(8)} ${i}`,
        text: Array.from({ length: 12 }, () => `${sentence(18)}.`).join(" "),
        at: new Date(start + i * 60_000).toISOString(),
        categoryId: categories[i % categories.length]?.id ?? 0,
        authorId: author.id,
      });
    });
    await database.db.insertInto("article").values(rows).execute();
  }
  await database.destroy();
  return { slugs, categories: categories.map((c) => c.slug) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), "resou-load-"));
const file = join(dir, "resou.db");
const probeFile = join(dir, "memory.jsonl");
process.stdout.write(`building ${N} articles… `);
let t0 = performance.now();
const { slugs, categories } = await buildDatabase(file);
console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);

const port = await freePort();
await ensureBuilt();
const server = spawn(
  process.execPath,
  [...SERVER_NODE_ARGS, "--import", "./bench/support/memory-probe.mjs", "dist/main.js"],
  {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `sqlite:${file}`,
      DEMO_CONTENT: "0",
      LOG_LEVEL: "warn",
      RESOU_MEMORY_PROBE: probeFile,
    },
    stdio: ["ignore", "ignore", "inherit"],
  },
);
const pid = server.pid ?? 0;
const origin = `http://127.0.0.1:${port}`;
for (let i = 0; i < 600; i++) {
  const ok = await fetch(`${origin}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  await sleep(100);
}

interface MemoryLine {
  at: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** The server's latest self-reported memory breakdown (its probe writes one line a second). */
function memory(): MemoryLine {
  const lines = readFileSync(probeFile, "utf8").trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "{}") as MemoryLine;
}

function describe(m: MemoryLine, base?: MemoryLine): string {
  const outside = m.rss - m.heapTotal - m.external;
  const ratio = base ? ` = ${((100 * m.rss) / base.rss).toFixed(0)} % of warm-up` : "";
  return `RSS ${m.rss.toFixed(0)} MB${ratio} (V8 heap ${m.heapUsed.toFixed(0)} used of ${m.heapTotal.toFixed(0)}, external ${m.external.toFixed(0)} of which Buffers ${m.arrayBuffers.toFixed(0)}, rest ${outside.toFixed(0)})`;
}

/** The answering process's page cache, from the operator page. */
async function pageCache(): Promise<string> {
  const html = await fetch(`${origin}/trends/status`).then((r) => r.text());
  const cell = (label: string) => new RegExp(`${label}</th><td>([^<]*)<`).exec(html)?.[1] ?? "?";
  return `page cache ${cell("Pages stored")} pages, ${cell("Memory")}, ${cell("Evicted \\(memory bound\\)")} evicted`;
}

const WARM_SEARCH = WORDS;
/** Every path kind the soak asks for, and more distinct articles than the page cache holds. */
const warmPaths = [
  "/",
  "/feed.xml",
  ...categories.flatMap((c) => [
    `/category/${c}`,
    ...Array.from({ length: 50 }, (_, k) => `/category/${c}?page=${k + 2}`),
  ]),
  ...WARM_SEARCH.map((w) => `/search?q=${w}`),
  ...slugs.slice(0, WARM_ARTICLES).map((slug) => `/news/${slug}`),
];

let pick = 1;
const nextPath = (): string => {
  pick = (pick * 48271) % 2147483647;
  const r = pick % 100;
  const slug = slugs[pick % slugs.length];
  const category = categories[pick % categories.length];
  if (r < 35) return "/";
  if (r < 70) return `/news/${slug}`;
  if (r < 82) return `/category/${category}`;
  if (r < 90) return `/search?q=${WORDS[pick % WORDS.length]}`;
  if (r < 95) return "/feed.xml";
  return `/category/${category}?page=${(pick % 50) + 2}`;
};

async function load(seconds: number) {
  const result = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: [{ setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  });
  return result;
}

async function walk(paths: string[]) {
  let next = 0;
  return autocannon({
    url: origin,
    connections: Math.min(CONNECTIONS, 20),
    amount: paths.length,
    timeout: 10,
    requests: [
      { setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] ?? "/" }) },
    ],
  });
}

try {
  const start = memory();
  console.log(`server pid ${pid}, at start: ${describe(start)}`);
  t0 = performance.now();
  const walked = await walk(warmPaths);
  const filled = await pageCache();
  console.log(
    `warm-up walk: ${warmPaths.length} distinct pages in ${((performance.now() - t0) / 1000).toFixed(0)} s, ${walked.non2xx} non-2xx, ${walked.timeouts} time-outs; ${filled}`,
  );
  // A baseline taken before the page cache is full would count its filling as growth.
  if (/, 0 evicted$/.test(filled))
    console.log("warning: the page cache is not full after the walk; raise --warm-articles");
  const warm = await load(WARMUP_S);
  await sleep(5000);
  const base = memory();
  console.log(
    `warm-up mixed ${WARMUP_S} s: ${warm.requests.average.toFixed(1)} req/s, ${warm.timeouts} time-outs; ${describe(base)}; ${await pageCache()}`,
  );
  const samples: MemoryLine[] = [];
  const sampler = setInterval(() => samples.push(memory()), 2000);
  const minutes = setInterval(() => console.log(`  soak: ${describe(memory(), base)}`), 60_000);
  t0 = performance.now();
  const soak = await load(SOAK_S);
  clearInterval(sampler);
  clearInterval(minutes);
  const rss = samples.map((m) => m.rss);
  console.log(
    `soak ${SOAK_S} s, ${CONNECTIONS} connections: ${soak.requests.average.toFixed(1)} req/s, p50 ${soak.latency.p50} ms, p99 ${soak.latency.p99} ms, ${soak.timeouts} time-outs, ${soak.non2xx} non-2xx, ${soak.errors} errors`,
  );
  const endOfSoak = memory();
  console.log(
    `RSS during soak: min ${Math.min(...rss).toFixed(0)} MB, max ${Math.max(...rss).toFixed(0)} MB (${((100 * Math.max(...rss)) / base.rss).toFixed(0)} % of warm-up); at its end ${describe(endOfSoak, base)}; ${await pageCache()}`,
  );
  await sleep(IDLE_S * 1000);
  const after = memory();
  const ratio = after.rss / base.rss;
  console.log(
    `after ${IDLE_S} s idle: ${describe(after, base)} (target ≤ 120 %); ${(after.rss - start.rss).toFixed(0)} MB above the start, the filled caches`,
  );
  if (ratio > 1.2 || soak.timeouts > 0) process.exitCode = 1;
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(dir, { recursive: true, force: true });
}
