import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * Table shapes shared by both dialects. Times are ISO-8601 UTC strings in both databases
 * (lexical order is time order), booleans are 0/1 integers, JSON is stored as text: one
 * representation everywhere, so no query result needs dialect-specific decoding.
 */
export interface Tables {
  category: CategoryTable;
  author: AuthorTable;
  article: ArticleTable;
  tag: TagTable;
  article_tag: ArticleTagTable;
  article_correction: ArticleCorrectionTable;
  article_related: ArticleRelatedTable;
  article_fts: ArticleFtsTable;
  job: JobTable;
  lease: LeaseTable;
}

export interface CategoryTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface AuthorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** `desk` for a team byline such as "Trending on Weibo", `person` for a reporter. */
  kind: "desk" | "person";
  bio: string;
}

export type ArticleStatus = "draft" | "scheduled" | "published" | "unpublished";
export type ArticleKind = "article" | "brief";

export interface ArticleTable {
  id: Generated<number>;
  slug: string;
  kind: ArticleKind;
  headline: string;
  dek: string;
  /** Markdown. */
  lead: string;
  /** JSON text of `Section[]` (heading + Markdown body). */
  sections: string;
  category_id: number;
  author_id: number;
  /** Weibo hashtag as posted, e.g. `#特朗普称与金正恩关系非常好#`; empty when none. */
  hashtag: string;
  hashtag_en: string;
  image_url: string;
  image_alt: string;
  status: ArticleStatus;
  /** UTC ISO; null until first published. */
  published_at: string | null;
  /** UTC ISO of the last visible change (edit or correction). */
  updated_at: string;
  created_at: string;
  /** IANA zone the dateline is written in. */
  time_zone: string;
  word_count: number;
  is_demo: number;
  /** Plain text of headline, dek, lead and sections, kept for search and related scoring. */
  plain_text: string;
}

export interface TagTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
  position: number;
}

export interface ArticleCorrectionTable {
  id: Generated<number>;
  article_id: number;
  noted_at: string;
  text: string;
}

export interface ArticleRelatedTable {
  article_id: number;
  related_id: number;
  rank: number;
  score: number;
}

/** SQLite FTS5 table on SQLite; on PostgreSQL a plain table with a generated tsvector. */
export interface ArticleFtsTable {
  rowid: number;
  headline: string;
  body: string;
}

export type JobStatus = "queued" | "running" | "done" | "failed";

export interface JobTable {
  id: Generated<number>;
  kind: string;
  /** JSON text. */
  payload: string;
  status: JobStatus;
  /** Jobs with the same key are not queued twice while one is queued or running. */
  unique_key: string | null;
  run_at: string;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_at: string | null;
  created_at: string;
  finished_at: string | null;
}

/** Named time-limited locks, e.g. "one scheduler tick at a time across processes". */
export interface LeaseTable {
  name: string;
  holder: string;
  expires_at: string;
}

export type ArticleRow = Selectable<ArticleTable>;
export type NewArticleRow = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
export type CategoryRow = Selectable<CategoryTable>;
export type AuthorRow = Selectable<AuthorTable>;
export type TagRow = Selectable<TagTable>;
export type JobRow = Selectable<JobTable>;
