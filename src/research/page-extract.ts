import { lazyPackage } from "../core/lazy-package.js";
import { feedDate } from "./feed-parse.js";

const jsdom = lazyPackage<typeof import("jsdom")>("jsdom");

/** A web page reduced to what a source needs. */
export interface PageText {
  title: string;
  outlet: string;
  language: string;
  publishedAt: string | null;
  text: string;
}

const NOISE_TAGS =
  "script, style, noscript, template, iframe, svg, canvas, form, button, nav, header, footer, aside, figure figcaption, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], [hidden]";
/** Class or id words of page furniture: navigation, ads, sharing, comments, related lists. */
const NOISE_NAMES =
  /(^|[\s_-])(ad|ads|advert|advertisement|adsbygoogle|banner|promo|sponsor|share|sharing|social|related|recommend|comment|comments|sidebar|breadcrumbs?|nav|navbar|menu|footer|header|subscribe|newsletter|cookie|popup|modal|toolbar|tags)($|[\s_-])/i;

/** `zh-CN` → `zh`; `en_GB` → `en`; empty when unknown. */
export function baseLanguage(tag: string): string {
  return (
    tag
      .trim()
      .toLowerCase()
      .split(/[-_]/)[0]
      ?.replace(/[^a-z]/g, "") ?? ""
  );
}

/** `zh` when at least a fifth of the letters are Chinese characters, else `en` if Latin. */
export function guessLanguage(text: string): string {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  if (han === 0 && latin === 0) return "";
  return han * 5 >= han + latin ? "zh" : "en";
}

function meta(doc: Document, names: string[]): string {
  for (const name of names) {
    const el = doc.querySelector(
      `meta[property="${name}" i], meta[name="${name}" i], meta[itemprop="${name}" i]`,
    );
    const content = el?.getAttribute("content")?.trim();
    if (content) return content;
  }
  return "";
}

type Json = unknown;

/** Every object in the page's JSON-LD blocks, `@graph` members included. */
function jsonLdObjects(doc: Document): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  const visit = (value: Json) => {
    if (Array.isArray(value)) for (const v of value) visit(v);
    else if (value && typeof value === "object") {
      const obj = value as Record<string, Json>;
      out.push(obj);
      if (obj["@graph"]) visit(obj["@graph"]);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ""));
    } catch {
      // A broken JSON-LD block is common and harmless: the meta tags still count.
    }
  }
  return out;
}

const isArticleType = (obj: Record<string, Json>) => {
  const type = obj["@type"];
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === "string" && /Article|Posting|Report/i.test(t));
};

function publisherName(obj: Record<string, Json>): string {
  const publisher = obj.publisher;
  if (publisher && typeof publisher === "object" && !Array.isArray(publisher)) {
    const name = (publisher as Record<string, Json>).name;
    if (typeof name === "string") return name;
  }
  return "";
}

function paragraphs(root: Element): string[] {
  const blocks = root.querySelectorAll("h1, h2, h3, h4, p, li, blockquote, pre");
  const lines: string[] = [];
  for (const block of blocks) {
    // Nested blocks (a <p> inside an <li>) would count twice; the innermost wins.
    if (block.querySelector("p, li, blockquote")) continue;
    const line = (block.textContent ?? "").replace(/\s+/g, " ").trim();
    if (line) lines.push(line);
  }
  if (lines.length === 0) {
    const all = (root.textContent ?? "").replace(/\s+/g, " ").trim();
    if (all) lines.push(all);
  }
  return lines;
}

/** The element holding the article: `<article>`, `articleBody`, `<main>`, or the richest block. */
function mainElement(doc: Document): Element | null {
  const explicit =
    doc.querySelector("[itemprop=articleBody]") ??
    doc.querySelector("article") ??
    doc.querySelector("main, [role=main]");
  if (explicit) return explicit;
  let best: Element | null = null;
  let bestScore = 0;
  for (const el of doc.querySelectorAll("div, section")) {
    let score = 0;
    for (const p of el.querySelectorAll(":scope > p")) score += (p.textContent ?? "").trim().length;
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best ?? doc.body;
}

/**
 * Reduces an HTML page to readable text: title, outlet, language, publication time (meta
 * tags, then JSON-LD, then the first `<time datetime>`) and the main text without
 * navigation, ads, scripts or other page furniture. Nothing in the page is executed.
 */
export function extractPage(html: string, url: string): PageText {
  const dom = new (jsdom().JSDOM)(html, { url });
  const doc = dom.window.document;
  try {
    const ld = jsonLdObjects(doc);
    const article = ld.find(isArticleType);
    const title =
      meta(doc, ["og:title", "twitter:title"]) ||
      (typeof article?.headline === "string" ? article.headline : "") ||
      doc.querySelector("h1")?.textContent?.trim() ||
      doc.title.trim();
    const langTag =
      doc.documentElement.getAttribute("lang") || meta(doc, ["og:locale", "language"]);
    const rawDate =
      meta(doc, [
        "article:published_time",
        "og:published_time",
        "datePublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date.issued",
        "dc.date",
        "date",
      ]) ||
      (typeof article?.datePublished === "string" ? article.datePublished : "") ||
      doc.querySelector("time[datetime]")?.getAttribute("datetime") ||
      "";
    for (const el of doc.querySelectorAll(NOISE_TAGS)) el.remove();
    for (const el of doc.querySelectorAll("[class], [id]")) {
      const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
      if (NOISE_NAMES.test(names) && el.tagName !== "BODY" && el.tagName !== "ARTICLE") el.remove();
    }
    const root = mainElement(doc);
    const text = root ? paragraphs(root).join("\n") : "";
    const language = baseLanguage(langTag) || guessLanguage(`${title} ${text}`);
    const outlet =
      meta(doc, ["og:site_name", "application-name"]) ||
      (article ? publisherName(article) : "") ||
      new URL(url).hostname.replace(/^www\./, "");
    return {
      title: title.replace(/\s+/g, " ").slice(0, 500),
      outlet: outlet.slice(0, 200),
      language,
      publishedAt: feedDate(rawDate, language),
      text,
    };
  } finally {
    dom.window.close();
  }
}
