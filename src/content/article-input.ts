import { z } from "zod";
import { isKnownTimeZone, isRealCalendarDate } from "../core/time-zone.js";
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from "./slug.js";

/** Text that becomes a plain-text field: no control characters, trimmed, bounded. */
const plain = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), {
      message: "must not contain control characters",
    });

const isoDateOrDateTime = z
  .string()
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
    "must be a date (2025-08-26) or date-time (2025-08-26T09:30+08:00)",
  )
  .refine(isRealCalendarDate, { message: "is not a real calendar date" });

export const sectionInput = z.object({
  heading: plain(200).min(1, "a section needs a heading"),
  body: z.string().max(50_000, "must be at most 50,000 characters"),
});

/**
 * One article as an author or importer supplies it. Plain-text fields are escaped when
 * rendered; Markdown fields are rendered without raw HTML and then sanitized.
 */
export const articleInput = z.object({
  slug: z
    .string()
    .trim()
    .max(MAX_SLUG_LENGTH, `must be at most ${MAX_SLUG_LENGTH} characters`)
    .regex(SLUG_PATTERN, "must be lower-case letters, digits and single hyphens"),
  kind: z.enum(["article", "brief"]).default("article"),
  headline: plain(200).min(1, "is required"),
  dek: plain(400).default(""),
  lead: z.string().max(20_000, "must be at most 20,000 characters").default(""),
  sections: z.array(sectionInput).max(20, "at most 20 sections").default([]),
  category: plain(80).min(1, "is required"),
  byline: plain(80).optional(),
  tags: z.array(plain(60).min(1, "a tag cannot be empty")).max(20, "at most 20 tags").default([]),
  hashtag: plain(100)
    .default("")
    .transform((s) => s.replace(/^#+|#+$/g, "").trim()),
  hashtag_en: plain(200).default(""),
  image_url: z
    .union([z.literal(""), z.url({ protocol: /^https?$/, message: "must be an http(s) URL" })])
    .default(""),
  image_alt: plain(300).default(""),
  status: z.enum(["draft", "scheduled", "published", "unpublished"]).default("published"),
  published_at: isoDateOrDateTime.optional(),
  updated_at: isoDateOrDateTime.optional(),
  time_zone: z
    .string()
    .trim()
    .max(64)
    .refine(isKnownTimeZone, { error: (issue) => `unknown time zone "${String(issue.input)}"` })
    .optional(),
  demo: z.boolean().default(false),
});

export type ArticleInput = z.infer<typeof articleInput>;
export type SectionInput = z.infer<typeof sectionInput>;
