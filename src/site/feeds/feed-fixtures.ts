/**
 * Shared test data for the feed and sitemap suites (test-only; imported by *.test.ts).
 * The clock is fixed at NOW; each article sits on one of the edges the specs care about.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { JSDOM } from "jsdom";
import { expect } from "vitest";
import type { SiteHarness } from "../../../test/support/site-harness.js";

export const NOW = "2025-08-28T12:00:00Z";
export const SITE_URL = "https://resou.example";

export const HOSTILE_HEADLINE = `Rain <script>alert("x")</script> & "floods" in Beijing`;

/** Slugs that are not public at NOW and must never appear in a feed or sitemap. */
export const HIDDEN_SLUGS = ["future-story", "scheduled-story", "withdrawn-story", "draft-story"];

export async function publishFixtures(site: SiteHarness): Promise<Record<string, number>> {
  const ids = await site.publish(
    {
      // 01:30 UTC on 26 Aug: outside the news sitemap's 48 hours.
      slug: "leaders-meet",
      headline: "Leaders meet at the border",
      dek: "A short dek for the leaders story.",
      byline: "Trending on Weibo",
      category: "News & Politics",
      tags: ["Diplomacy", "North Korea"],
      lead: "The **lead** paragraph, with a stray ]]> that must survive CDATA.",
      sections: [
        { heading: "What happened", body: "Officials met." },
        { heading: "Why it's trending", body: "Users reacted <script>alert(2)</script>." },
        { heading: "What's next", body: "More talks." },
      ],
      published_at: "2025-08-26T09:30:00+08:00",
    },
    {
      // Inside the 48-hour window; the hostile headline travels through every format.
      slug: "rain-beijing",
      headline: HOSTILE_HEADLINE,
      byline: "Li Wei",
      category: "Society",
      tags: ["Weather"],
      published_at: "2025-08-28T08:00:00+08:00",
    },
    {
      // 20:00 UTC on 31 July, but 1 August in Shanghai: belongs to the August sitemap.
      slug: "august-first",
      headline: "A story dated the first of August",
      category: "Business & Tech",
      published_at: "2025-08-01T04:00:00+08:00",
    },
    {
      slug: "july-story",
      headline: "A July story",
      category: "Sports",
      published_at: "2025-07-15T10:00:00+08:00",
    },
    {
      slug: "future-story",
      headline: "Published status but a future time",
      category: "Society",
      tags: ["Secret tag"],
      published_at: "2025-09-02T10:00:00+08:00",
    },
    {
      slug: "scheduled-story",
      status: "scheduled",
      headline: "Scheduled for tomorrow",
      byline: "Hidden Author",
      published_at: "2025-08-29T10:00:00+08:00",
    },
    {
      slug: "withdrawn-story",
      status: "unpublished",
      headline: "Withdrawn story",
      tags: ["Secret tag"],
      byline: "Hidden Author",
      published_at: "2025-08-27T10:00:00+08:00",
    },
    { slug: "draft-story", status: "draft", headline: "Draft story" },
  );
  const bySlug = Object.fromEntries(
    ["leaders-meet", "rain-beijing", "august-first", "july-story"].map((s, i) => [s, ids[i] ?? 0]),
  );
  await site.database.db
    .insertInto("article_correction")
    .values({
      article_id: bySlug["leaders-meet"] ?? 0,
      noted_at: "2025-08-27T02:00:00.000Z",
      text: "An earlier version misnamed the <b>venue</b>.",
    })
    .execute();
  return bySlug;
}

/** Attributes as `@_name`; repeated elements always arrays; values never coerced to numbers. */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  // Numeric character references (`&#39;`) are plain XML; this parser decodes them only here.
  htmlEntities: true,
  trimValues: false,
  isArray: (name) =>
    ["item", "entry", "category", "link", "url", "sitemap", "news:news"].includes(name),
});

export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** Asserts the text is well-formed XML, then parses it. */
export function parseXml(xml: string): XmlNode {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as XmlNode;
}

export function node(value: XmlValue | undefined): XmlNode {
  if (value === undefined || typeof value === "string" || Array.isArray(value)) {
    throw new Error(`expected an element, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function nodes(value: XmlValue | undefined): XmlNode[] {
  if (!Array.isArray(value)) throw new Error(`expected a list, got ${JSON.stringify(value)}`);
  return value.map((v) => node(v));
}

/** Texts of a repeated element whose copies may or may not carry attributes. */
export function texts(value: XmlValue | undefined): string[] {
  if (!Array.isArray(value)) throw new Error(`expected a list, got ${JSON.stringify(value)}`);
  return value.map((v) => text(v));
}

/** Text of an element that may carry attributes (`#text`) or none (plain string). */
export function text(value: XmlValue | undefined): string {
  if (typeof value === "string") return value;
  // RSS `<link>` is text while Atom's is repeated; the parser lists both, so unwrap one.
  if (Array.isArray(value) && value.length === 1) return text(value[0]);
  const inner = node(value)["#text"];
  if (typeof inner !== "string") throw new Error(`no text in ${JSON.stringify(value)}`);
  return inner;
}

export const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** With an explicit numeric offset, as the brief asks for zone-aware dates. */
export const RFC3339_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

/**
 * What a feed reader shows for a field it treats as HTML: the markup parsed into an inert
 * fragment (a template: nothing runs, nothing loads). `text` is what the reader displays,
 * `elements` every element the markup made.
 */
export function asReaderHtml(markup: string): { text: string; elements: string[] } {
  const fragment = JSDOM.fragment(markup);
  const elements = [...fragment.querySelectorAll("*")].map((e) => e.tagName.toLowerCase());
  return { text: fragment.textContent ?? "", elements };
}
