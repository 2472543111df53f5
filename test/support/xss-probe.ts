/**
 * The XSS probe: a real server on loopback with every vector seeded into every field
 * (see xss-seed.ts), visited page by page in Chromium with CSP on and with CSP bypassed,
 * plus the feeds' HTML-bearing fields rendered the way a reader shows them (parsed, then
 * loaded as HTML into a page with no CSP). Shared by the fast browser test and
 * `npm run bench -- hostile`.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { XMLParser } from "fast-xml-parser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createApp } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config/env.js";
import { systemClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/log.js";
import type { SiteDeps } from "../../src/web/site-deps.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";
import { SCAN_SCRIPT } from "./xss-dom-scan.js";
import {
  type SeededVector,
  seedXss,
  XSS_ADMIN_EMAIL,
  XSS_MARKER,
  XSS_PASSWORD,
  type XssSeed,
} from "./xss-seed.js";
import type { XssVector } from "./xss-vectors.js";

export interface XssSite {
  base: string;
  deps: SiteDeps;
  seed: XssSeed;
  stop(): Promise<void>;
}

/** A fresh SQLite site on a free loopback port, seeded with the vectors. */
export async function startXssSite(vectors: XssVector[]): Promise<XssSite> {
  const database: TestDatabase = await createTestDatabase("sqlite");
  let app: ReturnType<typeof createApp> | undefined;
  let server: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve(
      {
        fetch: (request) => app?.fetch(request) ?? new Response("starting", { status: 503 }),
        port: 0,
        hostname: "127.0.0.1",
      },
      (info: AddressInfo) => resolve(info.port),
    );
  });
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({ SITE_URL: base, DEMO_CONTENT: "0", PAGE_SIZE: "100" });
  const deps: SiteDeps = { database, config, clock: systemClock, log: silentLogger };
  app = createApp(deps);
  // Cheap scrypt: the probe creates a user per vector and is about markup, not hashing.
  const seed = await seedXss(deps, vectors, 1024);
  return {
    base,
    deps,
    seed,
    async stop() {
      await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
      await database.destroy();
    },
  };
}

export interface XssFinding {
  mode: "csp" | "no-csp" | "reader";
  where: string;
  problem: string;
}

export interface XssReport {
  pageLoads: number;
  readerDocuments: number;
  /** Distinct page paths (per-vector pages count once each). */
  pages: number;
  dialogs: number;
  cspViolations: number;
  findings: XssFinding[];
  refused: string[];
  /** Loads answered with a 5xx (not an XSS finding; listed for the hostile-request work). */
  serverErrors: string[];
}

const q = encodeURIComponent;

/** One page load of the probe: a path, or the settings form posted with a vector. */
export interface Visit {
  path: string;
  /** For an article page: the headline its `<h1>` must show as text (the probe is not blind). */
  headline?: string;
  newsroom: boolean;
  /** Set for the settings form, which the probe fills in and submits. */
  settings?: XssVector;
  /** Which contexts load it. */
  modes: ("csp" | "no-csp")[];
}

const BOTH: Visit["modes"] = ["csp", "no-csp"];

/** The pages one vector reaches on its own, the article page first. */
function vectorVisits(s: SeededVector): Omit<Visit, "modes">[] {
  const v = s.vector.text;
  const pub = (path: string) => ({ path, newsroom: false });
  const admin = (path: string) => ({ path, newsroom: true });
  return [
    { ...pub(`/news/${s.slug}`), headline: s.headline },
    pub(`/category/${s.categorySlug}`),
    pub(`/tag/${s.tagSlug}`),
    pub(`/byline/${s.bylineSlug}`),
    pub(`/trends/topic/${s.topicId}`),
    pub(`/search?q=${q(v)}&category=${q(v)}&tag=${q(v)}&from=${q(v)}&to=${q(v)}&page=${q(v)}`),
    pub(`/news/${q(v)}`),
    pub(`/tag/${q(v)}`),
    admin(`/admin/stories/${s.articleId}?done=${q(v)}`),
    admin(`/admin/stories/${s.articleId}/preview`),
    admin(`/admin/stories/${s.articleId}/revisions?done=${q(v)}`),
    admin(`/admin/stories/new?topic=${s.topicId}`),
    admin(`/admin/audit?action=${q(v)}&before=${q(v)}`),
    { path: "/admin/settings", newsroom: true, settings: s.vector },
  ];
}

/**
 * Every page load of a run. The pages that list every vector (home, archive, search, trends,
 * queue, users, audit) load with CSP on and off. `thorough` loads each vector's own pages in
 * both modes too; otherwise each vector gets its article page plus one of its other pages
 * in rotation, in one mode (alternating), so the fast tier still covers every kind of page.
 */
export function probeVisits(seed: XssSeed, thorough: boolean): Visit[] {
  const listPages = Array.from({ length: Math.ceil(seed.seeded.length / 100) }, (_, i) => i + 1);
  const month = new Date().toISOString().slice(0, 7).replace("-", "/");
  const shared: Visit[] = [
    "/",
    "/archive",
    ...listPages.map((p) => `/archive/${month}?page=${p}`),
    ...listPages.map((p) => `/search?q=${XSS_MARKER}&page=${p}`),
    "/trends",
    "/trends/status",
  ].map((path) => ({ path, newsroom: false, modes: BOTH }));
  const sharedNewsroom: Visit[] = [
    "/admin",
    "/admin/users",
    "/admin/audit",
    "/admin/account",
    "/admin/tokens",
  ].map((path) => ({ path, newsroom: true, modes: BOTH }));
  const own = seed.seeded.flatMap((s, i) => {
    const all = vectorVisits(s);
    if (thorough) return all.map((visit) => ({ ...visit, modes: BOTH }));
    const mode: Visit["modes"] = [i % 2 === 0 ? "csp" : "no-csp"];
    const rotating = all[1 + (i % (all.length - 1))];
    return [all[0], rotating].flatMap((visit) => (visit ? [{ ...visit, modes: mode }] : []));
  });
  return [...shared, ...sharedNewsroom, ...own];
}

interface Recorder {
  findings: XssFinding[];
  dialogs: number;
  cspViolations: number;
  loads: number;
  readerDocuments: number;
  serverErrors: string[];
}

declare global {
  interface Window {
    __xssCsp?: string[];
  }
}

async function newProbeContext(
  browser: Browser,
  base: string,
  bypassCSP: boolean,
  recorder: Recorder,
  mode: XssFinding["mode"],
): Promise<{ context: BrowserContext; page: Page; where: { path: string } }> {
  const context = await browser.newContext({ bypassCSP });
  // Loopback only: anything a vector points elsewhere is refused, never fetched.
  await context.route("**/*", (route) =>
    route.request().url().startsWith(base) ? route.continue() : route.abort(),
  );
  await context.addInitScript(() => {
    window.__xssCsp = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__xssCsp?.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const where = { path: "" };
  page.on("dialog", (dialog) => {
    recorder.dialogs += 1;
    recorder.findings.push({ mode, where: where.path, problem: `dialog: ${dialog.message()}` });
    void dialog.dismiss().catch(() => undefined);
  });
  return { context, page, where };
}

/** Scans the page and every frame in it (the editor's preview frame included). */
async function scanPage(page: Page, recorder: Recorder, mode: XssFinding["mode"], where: string) {
  for (const frame of page.frames()) {
    // A frame that went away while scanning has nothing left to scan; any other failure
    // is the probe's own bug and must fail the run, never pass it silently.
    if (frame.isDetached()) continue;
    const problems = (await frame.evaluate(SCAN_SCRIPT)) as string[];
    if (!Array.isArray(problems)) throw new Error(`scan returned ${String(problems)}`);
    for (const problem of problems) recorder.findings.push({ mode, where, problem });
  }
  if (mode === "csp") {
    // Violation reports are queued as tasks; let those already queued run first.
    const violations = await page.evaluate(
      () => new Promise<string[]>((done) => setTimeout(() => done(window.__xssCsp ?? []), 0)),
    );
    recorder.cspViolations += violations.length;
    for (const v of violations) recorder.findings.push({ mode, where, problem: `CSP: ${v}` });
  }
}

async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/admin/login`);
  await page.getByLabel("Email").fill(XSS_ADMIN_EMAIL);
  await page.getByLabel("Password").fill(XSS_PASSWORD);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/admin/login")),
    page.getByRole("button", { name: /sign in/i }).click(),
  ]);
}

/** Loads one visit: a GET, or the settings form submitted with the vector in every field. */
async function load(
  page: Page,
  base: string,
  visit: Visit,
  recorder: Recorder,
  mode: XssFinding["mode"],
): Promise<number> {
  const response = await page.goto(`${base}${visit.path}`, { waitUntil: "load" });
  const status = response?.status() ?? 0;
  if (status >= 500) recorder.serverErrors.push(`${status} ${visit.path}`);
  if (visit.headline !== undefined) {
    const shown = await page.locator("h1").first().textContent();
    if (shown !== visit.headline) {
      recorder.findings.push({
        mode,
        where: visit.path,
        problem: `headline shows ${JSON.stringify(shown)}, stored ${JSON.stringify(visit.headline)}`,
      });
    }
  }
  const vector = visit.settings;
  if (!vector) return 1;
  // A hostile client ignores the form's number type and validation attributes.
  await page.evaluate((text) => {
    const form = document.querySelector<HTMLFormElement>("form[action='/admin/settings']");
    if (!form) throw new Error("no settings form");
    form.noValidate = true;
    for (const input of Array.from(form.querySelectorAll("input:not([type=hidden])"))) {
      if (!(input instanceof HTMLInputElement)) continue;
      input.type = "text";
      input.value = text;
    }
  }, vector.text);
  await Promise.all([
    page.waitForLoadState("load"),
    page.locator("form[action='/admin/settings'] button[type=submit]").click(),
  ]);
  return 2;
}

export async function probeSite(
  browser: Browser,
  site: XssSite,
  options: { thorough: boolean },
): Promise<XssReport> {
  const recorder: Recorder = {
    findings: [],
    dialogs: 0,
    cspViolations: 0,
    loads: 0,
    readerDocuments: 0,
    serverErrors: [],
  };
  const visits = probeVisits(site.seed, options.thorough);
  for (const [mode, bypassCSP] of [
    ["csp", false],
    ["no-csp", true],
  ] as const) {
    const { context, page, where } = await newProbeContext(
      browser,
      site.base,
      bypassCSP,
      recorder,
      mode,
    );
    const mine = visits.filter((v) => v.modes.includes(mode));
    for (const visit of mine.filter((v) => !v.newsroom)) {
      where.path = visit.path;
      recorder.loads += await load(page, site.base, visit, recorder, mode);
      await scanPage(page, recorder, mode, visit.path);
    }
    await signIn(page, site.base);
    for (const visit of mine.filter((v) => v.newsroom)) {
      where.path = visit.settings ? `${visit.path} (vector ${visit.settings.n})` : visit.path;
      recorder.loads += await load(page, site.base, visit, recorder, mode);
      await scanPage(page, recorder, mode, where.path);
    }
    await context.close();
  }
  await probeFeeds(browser, site, recorder, options.thorough);
  return {
    pageLoads: recorder.loads,
    readerDocuments: recorder.readerDocuments,
    pages: new Set(visits.map((v) => v.path)).size,
    dialogs: recorder.dialogs,
    cspViolations: recorder.cspViolations,
    findings: recorder.findings,
    refused: site.seed.refused,
    serverErrors: recorder.serverErrors,
  };
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  htmlEntities: true,
  trimValues: false,
  isArray: (name) => ["item", "entry", "category"].includes(name),
});

type Xml = { [key: string]: unknown };
const asXml = (v: unknown): Xml => (v && typeof v === "object" ? (v as Xml) : {});
const list = (v: unknown): Xml[] => (Array.isArray(v) ? v.map(asXml) : v ? [asXml(v)] : []);
const textOf = (v: unknown): string =>
  typeof v === "string"
    ? v
    : typeof asXml(v)["#text"] === "string"
      ? String(asXml(v)["#text"])
      : "";

/**
 * The fields a reader renders as HTML, per feed document: RSS title, description,
 * category, dc:creator and content:encoded (channel and items); Atom content and any text
 * construct typed html; JSON Feed content_html.
 */
export function readerHtml(body: string, format: "rss" | "atom" | "json"): string[][] {
  if (format === "json") {
    const feed = JSON.parse(body) as { items: { content_html?: string }[] };
    return feed.items.map((item) => [item.content_html ?? ""]);
  }
  const doc = xml.parse(body) as Xml;
  if (format === "rss") {
    const channel = asXml(asXml(doc.rss).channel);
    const head = [textOf(channel.title), textOf(channel.description)];
    return list(channel.item).map((item) => [
      ...head,
      textOf(item.title),
      textOf(item.description),
      textOf(item["dc:creator"]),
      ...list(item.category).map(textOf),
      textOf(item["content:encoded"]),
    ]);
  }
  const feed = asXml(doc.feed);
  const htmlTyped = (v: unknown) => (asXml(v)["@_type"] === "html" ? [textOf(v)] : []);
  return list(feed.entry).map((entry) => [
    ...htmlTyped(feed.title),
    ...htmlTyped(entry.title),
    ...htmlTyped(entry.summary),
    ...htmlTyped(entry.content),
  ]);
}

/** Site-wide feeds (the 50 newest items); `thorough` adds every vector's category feeds. */
async function probeFeeds(
  browser: Browser,
  site: XssSite,
  recorder: Recorder,
  thorough: boolean,
): Promise<void> {
  const { context, page, where } = await newProbeContext(
    browser,
    site.base,
    true,
    recorder,
    "reader",
  );
  const prefixes = thorough ? site.seed.seeded.map((s) => `/category/${s.categorySlug}`) : [];
  const feeds = ["", ...prefixes].flatMap(
    (prefix) =>
      [
        [`${prefix}/feed.xml`, "rss"],
        [`${prefix}/atom.xml`, "atom"],
        [`${prefix}/feed.json`, "json"],
      ] as const,
  );
  for (const [path, format] of feeds) {
    const response = await fetch(`${site.base}${path}`);
    const items = readerHtml(await response.text(), format);
    // A reader's item view: each field as HTML, on a page without CSP (about:blank). The
    // thorough run shows one item per page, as readers do; the fast one a whole feed per page.
    const views = thorough ? items.map((fields) => [fields]) : [items];
    for (const [i, view] of views.entries()) {
      where.path = thorough ? `${path} item ${i + 1}` : path;
      const body = view
        .map((fields) => `<article>${fields.map((f) => `<div>${f}</div>`).join("")}</article>`)
        .join("");
      await page.setContent(
        `<!DOCTYPE html><html><head><title>reader</title></head><body>${body}</body></html>`,
        { waitUntil: "load" },
      );
      recorder.readerDocuments += 1;
      await scanPage(page, recorder, "reader", where.path);
    }
  }
  await context.close();
}
