/**
 * One format-neutral description of a feed, built once per request from the database and
 * then written out as RSS, Atom or JSON Feed. The three writers are pure functions of it,
 * so the formats can never disagree about which items a feed holds.
 */
export interface FeedChannel {
  /** "Resou" or "Resou: Society". */
  title: string;
  description: string;
  /** Absolute URL of the HTML page the feed mirrors. */
  homeUrl: string;
  /** Absolute URLs of this feed in each format, for self links. */
  urls: { rss: string; atom: string; json: string };
  /** Newest `updated_at` among the items (UTC ISO). */
  updated: string;
  /** Zone the channel-level dates are written in. */
  timeZone: string;
  siteName: string;
  siteUrl: string;
  iconUrl: string;
  language: string;
  items: FeedItem[];
}

export interface FeedItem {
  /** Stable id: the canonical URL, which never changes because slugs never do. */
  id: string;
  url: string;
  title: string;
  /** Plain text: the dek, or the opening of the lead. */
  summary: string;
  /** Sanitized HTML of lead, sections and corrections. */
  contentHtml: string;
  /** UTC ISO. */
  published: string;
  updated: string;
  /** The article's own zone, so dates keep the offset the dateline was written in. */
  timeZone: string;
  author: { name: string; url: string };
  category: { name: string; url: string };
  tags: string[];
  imageUrl: string | undefined;
}
