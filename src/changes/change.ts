/**
 * A committed write, described by what public pages show: the one vocabulary that writers
 * record (in their own transaction) and consumers (page cache, related lists, feeds and
 * sitemaps) read. Kinds describe effects, not commands, so a consumer never needs to know
 * which command or process made the change.
 */

/** Where an article appears on the site: enough to find every list that shows it. */
export interface ArticlePlacement {
  slug: string;
  categoryId: number;
  authorId: number;
  tagIds: number[];
  /** Calendar month of the publication date in the article's time zone (`YYYY-MM`). */
  month: string | null;
  /** Whether a reader can see it (published and not in the future). */
  visible: boolean;
}

/** An article was created, edited, published, unpublished, corrected or deleted. */
export interface ArticleChange {
  kind: "article";
  articleId: number;
  /** Placement before the write; `null` when the article is new. */
  before: ArticlePlacement | null;
  /** Placement after the write; `null` when the article was deleted. */
  after: ArticlePlacement | null;
}

/** Stored related-article lists of these articles were replaced. */
export interface RelatedChange {
  kind: "related";
  articleIds: number[];
}

/** A hot-search snapshot was stored, or topics got new titles or briefs. */
export interface TrendsChange {
  kind: "trends";
  topicIds: number[];
}

/** Settings that reach pages (site name, categories, navigation) changed. */
export interface SettingsChange {
  kind: "settings";
  keys: string[];
}

export type Change = ArticleChange | RelatedChange | TrendsChange | SettingsChange;
export type ChangeKind = Change["kind"];

/** A change as read back from the change table: its position in the global order. */
export type RecordedChange = Change & { id: number; at: string };
