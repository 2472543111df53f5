import type { CategoryRow } from "../db/schema.js";

/** What every page's chrome needs: fixed per request, the same for every page type. */
export interface SiteContext {
  siteUrl: string;
  siteName: string;
  tagline: string;
  timeZone: string;
  categories: Pick<CategoryRow, "slug" | "name">[];
  /** Request path, to mark the current navigation item. */
  path: string;
}

export interface PageMeta {
  title: string;
  description: string;
  /** Canonical path on this site, e.g. `/news/some-slug`. */
  path: string;
  type?: "website" | "article";
  imageUrl?: string;
  imageAlt?: string;
  jsonLd?: object[];
  noindex?: boolean;
  /** Feed links advertised in <head> (site-wide when omitted). */
  feeds?: { title: string; base: string };
  /** Extra `<meta property>` pairs, e.g. article:published_time. */
  extraMeta?: [string, string][];
  /** Previous/next page links for paginated lists. */
  prev?: string;
  next?: string;
}

export function absoluteUrl(site: SiteContext, path: string): string {
  return /^https?:\/\//.test(path) ? path : `${site.siteUrl}${path}`;
}
