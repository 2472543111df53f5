/**
 * The only place feed and sitemap XML text is escaped. Every document is written by hand
 * from templates, so every dynamic value must pass through `escapeXml` (text and attribute
 * values) or `cdata` (HTML bodies). Keeping both here makes the rule auditable: grep for
 * template literals in src/site/feeds and src/site/sitemaps and each `${…}` is one of these.
 */

// Characters outside the XML 1.0 `Char` production (C0 controls other than tab, LF and CR,
// lone surrogates, U+FFFE/U+FFFF) make a document not well-formed even when escaped, so
// a stray one in an article body would break the whole feed for every reader. Drop them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NOT_XML_CHAR = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  // Numeric rather than &apos;: the same escaped text also lands inside feed HTML, and
  // HTML 4 readers do not know &apos;.
  "'": "&#39;",
};

/** Removes characters XML 1.0 cannot carry at all. */
export function toXmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, "");
}

/**
 * Escapes text for XML element content and for attribute values in either quote style.
 * Also safe for HTML text, which is how feed HTML bodies embed headings and notes.
 */
export function escapeXml(text: string): string {
  return toXmlChars(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/**
 * Wraps text in a CDATA section. The only sequence CDATA cannot hold is `]]>`; it is split
 * across two sections, so a body that contains it still round-trips exactly.
 */
export function cdata(text: string): string {
  return `<![CDATA[${toXmlChars(text).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/** `<name attr="…">text</name>` with the text and every attribute value escaped. */
export function xmlElement(
  name: string,
  text: string,
  attributes: Record<string, string | undefined> = {},
): string {
  return `<${name}${xmlAttributes(attributes)}>${escapeXml(text)}</${name}>`;
}

/**
 * An RSS element whose plain text readers will render as HTML. RSS 2.0 never says whether
 * `title`, `description`, `category` or `dc:creator` hold text or markup, and readers settle
 * it by treating them as HTML: a dek `<svg onload=…>` escaped once reaches the reader as the
 * live tag. So the text is escaped for HTML first and the result escaped again for XML: the
 * XML parser gives back `&lt;svg…`, which HTML then shows as the characters the author typed.
 * Atom (`type="text"`), JSON Feed's plain fields and the sitemaps say "text" and are escaped
 * once with `xmlElement`.
 */
export function rssTextElement(
  name: string,
  text: string,
  attributes: Record<string, string | undefined> = {},
): string {
  return xmlElement(name, escapeXml(text), attributes);
}

/** ` a="1" b="2"`, skipping undefined values. */
export function xmlAttributes(attributes: Record<string, string | undefined>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join("");
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
