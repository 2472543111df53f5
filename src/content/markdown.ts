import createDOMPurify from "dompurify";
import MarkdownIt from "markdown-it";
import { lazyPackage } from "../core/lazy-package.js";

const jsdom = lazyPackage<typeof import("jsdom")>("jsdom");

// Raw HTML in Markdown is shown as text, never parsed; links are validated by markdown-it
// (no javascript:, vbscript:, data: except images). DOMPurify runs after as a second wall.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });

// Links leave the site: open in place, but never pass our page as referrer context to them.
const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const href = String(token?.attrGet("href") ?? "");
  if (token && /^https?:\/\//i.test(href)) token.attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

let purifier: ReturnType<typeof createDOMPurify> | undefined;
function purify(): ReturnType<typeof createDOMPurify> {
  // jsdom costs over a second of CPU to load and ~100 ms to start: not at import.
  purifier ??= createDOMPurify(new (jsdom().JSDOM)("").window);
  return purifier;
}

/** Builds the sanitizer now (a web process calls it once it listens, before any article). */
export function prepareMarkdown(): void {
  purify();
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 2_000;

/** Markdown to safe HTML. Pure for a given input, so results are memoised. */
export function renderMarkdown(source: string): string {
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  const html = purify().sanitize(markdown.render(source), {
    ALLOWED_TAGS: [
      "p",
      "a",
      "em",
      "strong",
      "blockquote",
      "ul",
      "ol",
      "li",
      "code",
      "pre",
      "h3",
      "h4",
      "br",
      "hr",
      "table",
      "thead",
      "tbody",
      "tr",
      "th",
      "td",
      "s",
      "sup",
      "sub",
    ],
    ALLOWED_ATTR: ["href", "rel", "title"],
  });
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? "");
  cache.set(source, html);
  return html;
}

/** The words a reader sees, without Markdown syntax: for search, word counts and feeds. */
export function markdownToPlainText(source: string): string {
  const blocks: string[] = [];
  for (const token of markdown.parse(source, {})) {
    if (token.type !== "inline") continue;
    const text = (token.children ?? [])
      .map((child) =>
        child.type === "text" || child.type === "code_inline"
          ? child.content
          : child.type === "softbreak" || child.type === "hardbreak"
            ? " "
            : "",
      )
      .join("");
    if (text.trim()) blocks.push(text.trim());
  }
  return blocks.join("\n\n");
}

export function countWords(text: string): number {
  // CJK characters count one word each; Latin words by whitespace.
  const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  const latin = text.replace(/[\u3400-\u9fff]/g, " ").match(/[\p{L}\p{N}][\p{L}\p{N}'’‑-]*/gu);
  return cjk + (latin?.length ?? 0);
}
