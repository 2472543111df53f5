/**
 * `npm run lighthouse`: starts Resou on a temp SQLite database with the demo content and the
 * recorded hot-search day, runs Lighthouse (Debian's chromium, headless) with the mobile and
 * desktop presets on the home, an article, a category, the trends, a topic and the search
 * page and the digest (the recorded day's issue and the issues index), and prints the four category scores. Reports
 * land in test-results/lighthouse/. `--strict` exits 1 when any score is below 100.
 * Not part of `npm test`: scores depend on the machine's load.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Flags, type Result } from "lighthouse";
import { freePort } from "../bench/support/free-port.js";
import { loadConfig } from "../src/config/env.js";
import { createLogger } from "../src/core/log.js";
import { localDay } from "../src/digest/digest-window.js";
import { issueFor, publishIssue } from "../src/digest/issue-store.js";
import { startResou } from "../src/runtime/start.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../test/support/chromium.js";

const CHROME_FLAGS = ["--headless=new", ...CHROMIUM_ARGS];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const REPORTS = join(process.cwd(), "test-results", "lighthouse");

/** Audits that cost points in a category, as `id (score): title`. */
function shortfalls(lhr: Result, category: string): string[] {
  const refs = lhr.categories[category]?.auditRefs ?? [];
  return refs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit !== undefined && audit.score !== null && audit.score < 1)
    .map((audit) => `${audit?.id} (${audit?.score}): ${audit?.title}`);
}

/**
 * Requests each page and every same-origin image it names, once, before auditing: a
 * running site has its share cards rendered and cached long before a reader comes, and a
 * cold first render (CPU-bound, seconds on a loaded machine) would be measured as the
 * server's response time for every request Lighthouse makes.
 */
async function warmUp(origin: string, paths: string[]): Promise<void> {
  for (const path of paths) {
    const html = await (await fetch(`${origin}${path}`)).text();
    const urls = new Set<string>();
    for (const m of html.matchAll(/\s(?:src|srcset)="([^"]+)"/g)) {
      for (const candidate of (m[1] ?? "").split(",")) {
        const url = candidate.trim().split(/\s+/)[0] ?? "";
        if (url.startsWith("/") && !url.startsWith("//")) urls.add(url);
        else if (url.startsWith(origin)) urls.add(url.slice(origin.length));
        else if (url.startsWith(`//${origin.replace(/^https?:\/\//, "")}`))
          urls.add(url.slice(url.indexOf("/", 2)));
      }
    }
    for (const url of urls) await (await fetch(`${origin}${url}`)).arrayBuffer();
  }
}

async function main() {
  const strict = process.argv.includes("--strict");
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "resou-lighthouse-"));
  const config = loadConfig({
    PORT: String(port),
    SITE_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: `sqlite:${join(dataDir, "resou.db")}`,
    DATA_DIR: dataDir,
    DEMO_CONTENT: "1",
    DEMO_TRENDS: "1",
    ROLES: "web",
    // Mail "configured" so the digest pages show their sign-up form (audited too); nothing
    // is ever sent during the run, so the address need not answer.
    SMTP_URL: "smtp://127.0.0.1:9",
  });
  const running = await startResou(config, createLogger("warn"));
  const origin = `http://127.0.0.1:${port}`;
  const article = await running.database.db
    .selectFrom("article")
    .select("slug")
    .orderBy("published_at", "desc")
    .executeTakeFirstOrThrow();
  const topic = await running.database.db
    .selectFrom("trend_topic")
    .select("id")
    .orderBy("peak_heat", "desc")
    .executeTakeFirstOrThrow();
  // The daily task publishes each issue; here the recorded day's is published directly.
  const latest = await running.database.db
    .selectFrom("trend_snapshot")
    .select("captured_at")
    .orderBy("captured_at", "desc")
    .executeTakeFirstOrThrow();
  const digestDay = localDay(new Date(latest.captured_at), config.DIGEST_TIME_ZONE);
  const issue = await issueFor(running.database.db, "daily", digestDay, new Date());
  await publishIssue(running.database.db, issue.id, new Date());
  const pages: [string, string][] = [
    ["home", "/"],
    ["article", `/news/${article.slug}`],
    ["category", "/category/news-politics"],
    ["trends", "/trends"],
    ["topic", `/trends/topic/${topic.id}`],
    ["search", "/search?q=typhoon"],
    ["digest", `/digest/${digestDay}`],
    ["digests", "/digest"],
  ];
  await warmUp(
    origin,
    pages.map(([, path]) => path),
  );
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
  mkdirSync(REPORTS, { recursive: true });
  const rows: string[] = [];
  let below = 0;
  try {
    for (const preset of ["mobile", "desktop"] as const) {
      for (const [name, path] of pages) {
        const flags: Flags = {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: [...CATEGORIES],
        };
        const result = await lighthouse(
          `${origin}${path}`,
          flags,
          preset === "desktop" ? desktopConfig : undefined,
        );
        if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
        const { lhr } = result;
        writeFileSync(join(REPORTS, `${name}-${preset}.json`), JSON.stringify(lhr));
        const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
        below += scores.filter((s) => s < 100).length;
        rows.push(
          `${preset.padEnd(8)} ${name.padEnd(9)} ${scores.map((s) => String(s).padStart(5)).join(" ")}  ${path}`,
        );
        for (const category of CATEGORIES) {
          for (const line of shortfalls(lhr, category)) {
            process.stdout.write(`  ${preset} ${name} ${category}: ${line}\n`);
          }
        }
      }
    }
  } finally {
    chrome.kill();
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.stdout.write(`\npreset   page       perf  a11y   b-p   seo  path\n${rows.join("\n")}\n`);
  process.stdout.write(`Reports: ${REPORTS}\n`);
  if (strict && below > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`lighthouse run failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
