import { z } from "zod";
import type { CheckInput } from "./check-types.js";
import { ALIAS_LANGUAGES, type ReferenceData } from "./reference-data.js";

const isoWithZone = z.iso.datetime({ offset: true });
/** A date-only `published_at` is read as midnight UTC. */
const publishedAt = z.union([isoWithZone, z.iso.date().transform((d) => `${d}T00:00:00Z`)]);

/**
 * One evaluation case (issue 10): an article with `[n]` markers, its sources, optional
 * reference rows, and the slips planted in it (`contains` = a substring of the sentence).
 */
export const checkCase = z.object({
  article: z.object({
    headline: z.string(),
    dek: z.string().optional(),
    published_at: publishedAt,
    time_zone: z.string().optional(),
    dateline: z.string().optional(),
    body: z.string(),
  }),
  sources: z.array(
    z.object({
      id: z.number().int().positive(),
      outlet: z.string().default(""),
      published_at: publishedAt.nullable().optional(),
      text: z.string(),
      url: z.string().optional(),
      title: z.string().optional(),
    }),
  ),
  reference: z
    .object({
      office_holders: z
        .array(
          z.object({
            person: z.string(),
            office: z.string(),
            body: z.string().optional(),
            country: z.string().optional(),
            since: z.iso.date(),
            until: z.iso.date().nullable().optional(),
            source_note: z.string().optional(),
          }),
        )
        .default([]),
      aliases: z
        .array(
          z.object({
            canonical: z.string(),
            alias: z.string(),
            language: z.enum(ALIAS_LANGUAGES).default("en"),
          }),
        )
        .default([]),
      outlets: z
        .array(
          z.object({
            name: z.string(),
            domain: z.string().default(""),
            language: z.string().default(""),
            country: z.string().default(""),
          }),
        )
        .default([]),
    })
    .optional(),
  planted: z.array(z.object({ kind: z.string(), contains: z.string() })).default([]),
});
export type CheckCase = z.infer<typeof checkCase>;

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

export function caseInput(c: CheckCase, timeZone = DEFAULT_TIME_ZONE): CheckInput {
  return {
    headline: c.article.headline,
    dek: c.article.dek ?? null,
    publishedAt: c.article.published_at,
    timeZone: c.article.time_zone ?? timeZone,
    ...(c.article.dateline ? { dateline: c.article.dateline } : {}),
    body: c.article.body,
    sources: c.sources.map((s) => ({
      id: s.id,
      outlet: s.outlet,
      publishedAt: s.published_at ?? null,
      text: s.text,
      ...(s.url ? { url: s.url } : {}),
      ...(s.title ? { title: s.title } : {}),
    })),
  };
}

/** The case's own reference rows on top of the base data (the newsroom's tables, or the seed). */
export function caseReference(c: CheckCase, base: ReferenceData): ReferenceData {
  const r = c.reference;
  if (!r) return base;
  return {
    officeHolders: [
      ...base.officeHolders,
      ...r.office_holders.map((h) => ({
        person: h.person,
        office: h.office,
        body: h.body ?? h.country ?? "",
        since: h.since,
        until: h.until ?? null,
        sourceNote: h.source_note ?? "",
      })),
    ],
    aliases: [...base.aliases, ...r.aliases],
    outlets: [...base.outlets, ...r.outlets],
  };
}
