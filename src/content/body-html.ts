import { createHash } from "node:crypto";
import type { SectionInput } from "./article-input.js";
import { renderMarkdown } from "./markdown.js";

/**
 * The article body as safe HTML, rendered once when the article is written and stored beside
 * its Markdown (`article.body_html`), so a page rendered from the database does not run
 * Markdown and the sanitizer (a jsdom document per call) on every cold request.
 *
 * The stored value names the renderer version and a hash of the Markdown it was made from.
 * A page uses it only when both match; otherwise (a row from an older build, a row written
 * by something other than the store, a renderer change) it renders the Markdown as before,
 * so a stale copy can never reach a reader.
 */

/** Bump when `renderMarkdown`'s output for the same Markdown changes. */
export const BODY_HTML_VERSION = 1;

export interface BodyHtml {
  lead: string;
  /** One per section, in order (the section's body only; headings stay in the template). */
  sections: string[];
}

interface StoredBodyHtml extends BodyHtml {
  v: number;
  source: string;
}

type BodyMarkdown = { lead: string; sections: Pick<SectionInput, "body">[] };

function sourceHash(body: BodyMarkdown): string {
  const hash = createHash("sha1").update(body.lead);
  for (const section of body.sections) hash.update("\u0000").update(section.body);
  return hash.digest("base64url");
}

/** Markdown to HTML exactly as the page renders it (empty parts stay empty: not shown). */
export function renderBodyHtml(body: BodyMarkdown): BodyHtml {
  return {
    lead: body.lead ? renderMarkdown(body.lead) : "",
    sections: body.sections.map((s) => renderMarkdown(s.body)),
  };
}

/** The value to store in `article.body_html` for this Markdown. */
export function storedBodyHtml(body: BodyMarkdown): string {
  const value: StoredBodyHtml = {
    v: BODY_HTML_VERSION,
    source: sourceHash(body),
    ...renderBodyHtml(body),
  };
  return JSON.stringify(value);
}

/** The stored HTML when it was made from this very Markdown by this renderer, else undefined. */
export function readBodyHtml(stored: string, body: BodyMarkdown): BodyHtml | undefined {
  if (!stored) return undefined;
  let value: Partial<StoredBodyHtml>;
  try {
    value = JSON.parse(stored) as Partial<StoredBodyHtml>;
  } catch {
    return undefined;
  }
  if (
    value.v !== BODY_HTML_VERSION ||
    typeof value.lead !== "string" ||
    !Array.isArray(value.sections) ||
    value.sections.length !== body.sections.length ||
    !value.sections.every((s) => typeof s === "string") ||
    value.source !== sourceHash(body)
  ) {
    return undefined;
  }
  return { lead: value.lead, sections: value.sections };
}

/** The body's HTML: the stored copy when it is current, else rendered now. */
export function bodyHtmlOf(body: BodyMarkdown & { bodyHtml?: BodyHtml | undefined }): BodyHtml {
  return body.bodyHtml ?? renderBodyHtml(body);
}
