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
  change: ChangeTable;
  change_reader: ChangeReaderTable;
  change_cursor: ChangeCursorTable;
  trend_snapshot: TrendSnapshotTable;
  trend_topic: TrendTopicTable;
  trend_point: TrendPointTable;
  trend_fetch: TrendFetchTable;
  trend_source_health: TrendSourceHealthTable;
  newsroom_user: NewsroomUserTable;
  newsroom_session: NewsroomSessionTable;
  login_throttle: LoginThrottleTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  newsroom_story: NewsroomStoryTable;
  article_revision: ArticleRevisionTable;
  topic_dismissal: TopicDismissalTable;
  newsroom_setting: NewsroomSettingTable;
  story_pipeline: StoryPipelineTable;
  story_stage: StoryStageTable;
  office_holder: OfficeHolderTable;
  name_alias: NameAliasTable;
  news_outlet: NewsOutletTable;
  check_flag: CheckFlagTable;
  check_judge_run: CheckJudgeRunTable;
  check_run: CheckRunTable;
  research_source: ResearchSourceTable;
  story_source: StorySourceTable;
  research_problem: ResearchProblemTable;
  story_pasted_link: StoryPastedLinkTable;
  article_picture: ArticlePictureTable;
  digest_issue: DigestIssueTable;
  digest_subscriber: DigestSubscriberTable;
  digest_delivery: DigestDeliveryTable;
  digest_suppression: DigestSuppressionTable;
  digest_throttle: DigestThrottleTable;
  digest_secret: DigestSecretTable;
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
  /**
   * Lead and section bodies as safe HTML, JSON written with the Markdown (`content/body-html`);
   * "" when not rendered yet. Read only when its hash matches the stored Markdown.
   */
  body_html: Generated<string>;
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
  /** 1 when the entry fills a short list from the same category (no engine pick). */
  fill: number;
}

/** SQLite FTS5 table on SQLite; on PostgreSQL a plain table with a generated tsvector. */
/**
 * Written only: on SQLite the FTS5 table keeps no copy of the text (0120), so reading a
 * column gives null; snippets come from `article.plain_text`.
 */
export interface ArticleFtsTable {
  rowid: number;
  headline: string;
  body: string;
  /** Chinese words of the article, segmented and space-separated. */
  cjk: string;
  /** Tags, byline and the hashtag's English titles, one a line (0140; search-document.ts). */
  labels: string;
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

/** One committed write that pages show (src/changes), in commit order by id. */
export interface ChangeTable {
  id: Generated<number>;
  kind: string;
  /** JSON text of the whole `Change`. */
  payload: string;
  at: string;
}

/** A live process reading the change feed: writers wait until each has delivered theirs. */
export interface ChangeReaderTable {
  reader_id: string;
  role: string;
  /** Highest change id this process handed to its listeners. */
  delivered_id: number;
  heartbeat_at: string;
  started_at: string;
}

/** Where a consumer that must see each change once (a job) stands in the feed. */
export interface ChangeCursorTable {
  name: string;
  change_id: number;
  updated_at: string;
}

export type ArticleRow = Selectable<ArticleTable>;
export type NewArticleRow = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
export type CategoryRow = Selectable<CategoryTable>;
export type AuthorRow = Selectable<AuthorTable>;
export type TagRow = Selectable<TagTable>;
export type JobRow = Selectable<JobTable>;

/** One accepted hot-search list (kind `list`) or an imported daily archive (kind `archive`). */
export interface TrendSnapshotTable {
  id: Generated<number>;
  source: string;
  kind: "list" | "archive";
  captured_at: string;
  stored_at: string;
  /** sha256 hex of the raw payload bytes; one row per payload. */
  payload_hash: string;
  /** Raw payload, gzip, base64 text. */
  payload_gzip: string;
  content_type: string;
  ranked_count: number;
  pinned_count: number;
  ad_count: number;
  /** 1 for a list replayed from the recorded demo day (`resou demo trends`), not polled. */
  is_replay: Generated<number>;
}

export type TrendState = "new" | "rising" | "falling" | "steady" | "gone";

/**
 * A hot-search topic, keyed by its search query: `#word#` (hashtag) and a bare `word` are
 * different topics on Weibo and stay different here.
 */
export interface TrendTopicTable {
  id: Generated<number>;
  word: string;
  /** The search query as Weibo gives it: `#word#` for a hashtag, the bare word otherwise. */
  query: string;
  is_hashtag: number;
  category: ColumnType<string, string | undefined, string>;
  /** English title when an editor or translator gave one; empty otherwise. */
  title_en: ColumnType<string, string | undefined, string>;
  /** 1 when `title_en` is a model's translation (shown with a marker), 0 for an editor's. */
  title_en_machine: ColumnType<number, number | undefined, number>;
  /** Model that wrote a machine title; empty otherwise. */
  title_en_model: ColumnType<string, string | undefined, string>;
  first_seen_at: string;
  last_seen_at: string;
  /** Start of the current unbroken run on the list; null when gone. */
  run_started_at: string | null;
  seconds_on_list: number;
  snapshot_count: number;
  peak_rank: number | null;
  peak_heat: number | null;
  last_rank: number | null;
  /** Rank in the snapshot before the latest one it was seen in; null when it was absent. */
  previous_rank: number | null;
  last_heat: number | null;
  last_label: string;
  state: TrendState;
  updated_at: string;
}

export interface TrendPointTable {
  snapshot_id: number;
  topic_id: number;
  captured_at: string;
  rank: number;
  heat: number | null;
  /** Entertainment board prefix of the heat string, e.g. `综艺`. */
  heat_category: string;
  /** 新, 热, 爆, 暖 or empty. */
  label: string;
  /** Ranked paid topic (carries `ads_word`), still holding a real rank. */
  is_commercial: number;
}

/** Every fetch attempt, successful or not, with its reason. */
export interface TrendFetchTable {
  id: Generated<number>;
  source: string;
  started_at: string;
  duration_ms: number;
  attempt: number;
  ok: number;
  http_status: number | null;
  reason: string;
  detail: string;
  snapshot_id: number | null;
}

export interface TrendSourceHealthTable {
  source: string;
  last_success_at: string | null;
  last_failure_at: string | null;
  last_failure_reason: string;
  last_failure_detail: string;
  consecutive_failures: number;
  total_successes: number;
  total_failures: number;
  updated_at: string;
}

export type NewsroomRole = "admin" | "editor" | "writer";

export interface NewsroomUserTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  display_name: string;
  role: NewsroomRole;
  /** `scrypt$N$r$p$salt$hash`, never logged. */
  password_hash: string;
  disabled: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}

export interface NewsroomSessionTable {
  /** sha256 (hex) of the cookie token; the token itself is never stored. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

/** Failed logins per `email:<address>` or `ip:<address>`, with back-off lockout. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** sha256 (hex) of the bearer token. */
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Append-only: database triggers refuse UPDATE and DELETE. */
export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  /** Email of the actor, or `anonymous`/`system`, kept even if the user is renamed. */
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string;
  /** JSON text. */
  detail: string;
  ip: string;
  user_agent: string;
}

/** Newsroom bookkeeping beside an article: who owns it, the revision counter, the topic. */
export interface NewsroomStoryTable {
  article_id: number;
  owner_id: number | null;
  assignee_id: number | null;
  topic_id: number | null;
  /** Number of the newest revision; a save must name it (optimistic concurrency). */
  revision: number;
  /** JSON text of `{ url, title }[]`. */
  sources: string;
  created_at: string;
  updated_at: string;
}

export interface ArticleRevisionTable {
  id: Generated<number>;
  article_id: number;
  number: number;
  author_id: number | null;
  author_label: string;
  /** `create`, `save`, `autosave`, `restore`. */
  kind: string;
  /** JSON text of the editable fields. */
  content: string;
  created_at: string;
}

/** Run-time newsroom settings by key; values are JSON text, validated in code. */
export interface NewsroomSettingTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
}

export interface TopicDismissalTable {
  topic_id: number;
  dismissed_by: number | null;
  dismissed_at: string;
}

/** Where the drafting pipeline stands for one story (`src/writing/`). */
export interface StoryPipelineTable {
  article_id: number;
  /** `queued`, `running`, `stopped` (cannot go on, `reason` says why), `failed`, `done`. */
  state: string;
  /** The stage running or last reached: `research`, `translate`, `facts`, `outline`, … */
  stage: string;
  /** `explainer` or `brief` (too few independent sources), once research decided. */
  mode: string | null;
  reason: string | null;
  provider: string | null;
  model: string | null;
  llm_calls: ColumnType<number, number | undefined, number>;
  prompt_tokens: ColumnType<number, number | undefined, number>;
  completion_tokens: ColumnType<number, number | undefined, number>;
  cost_usd: ColumnType<number, number | undefined, number>;
  /** The story revision the pipeline's draft was saved as. */
  draft_revision: number | null;
  created_at: string;
  updated_at: string;
}

/** One run of one drafting stage; a crash leaves `running`, and the rerun adds a new row. */
export interface StoryStageTable {
  id: Generated<number>;
  article_id: number;
  /** `research`, `translate`, `facts`, `outline`, `section:1`…, `lead`, `save`. */
  stage: string;
  /** `running`, `done`, `failed`, `abandoned`. */
  state: string;
  /** Prompt template and version, e.g. `outline.v1`. */
  template: string | null;
  /** JSON text. */
  input: string;
  /** JSON text of the validated answer. */
  output: string | null;
  error: string | null;
  provider: string | null;
  model: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  prompt_tokens: ColumnType<number, number | undefined, number>;
  completion_tokens: ColumnType<number, number | undefined, number>;
  cost_usd: ColumnType<number, number | undefined, number>;
  elapsed_ms: ColumnType<number, number | undefined, number>;
  started_at: string;
  finished_at: string | null;
}

/** Who held which office when (editor-kept; dates `YYYY-MM-DD`, `until` null while in office). */
export interface OfficeHolderTable {
  id: Generated<number>;
  person: string;
  office: string;
  body: string;
  since: string;
  until: string | null;
  source_note: string;
}

/** Other spellings of a name: `language` is `en`, `zh` or `pinyin`. */
export interface NameAliasTable {
  id: Generated<number>;
  canonical: string;
  alias: string;
  language: string;
}

export interface NewsOutletTable {
  id: Generated<number>;
  name: string;
  domain: string;
  language: string;
  country: string;
}

/** One claim-check flag on one revision of a story. */
export interface CheckFlagTable {
  id: Generated<number>;
  article_id: number;
  revision: number;
  sentence_index: number;
  sentence: string;
  kind: string;
  /** Kind + normalised sentence + message: the same flag on a later revision has the same one. */
  fingerprint: string;
  message: string;
  evidence: string;
  /** `error`, `warning` or `info`. */
  severity: string;
  /** `open`, `fixed` or `overridden`. */
  status: string;
  resolution_reason: string | null;
  resolver_id: number | null;
  resolver_label: string | null;
  resolved_at: string | null;
  created_at: string;
}

/** The LLM judge's run on one revision (one row per article and revision). */
export interface CheckJudgeRunTable {
  id: Generated<number>;
  article_id: number;
  revision: number;
  /** `done`, or `failed` with `reason` (the judge then raised no flag). */
  status: string;
  provider: string;
  model: string;
  /** ALCE/STORM citation recall and precision, 0..1; null when the run failed. */
  citation_recall: number | null;
  citation_precision: number | null;
  sentences: Generated<number>;
  supported: Generated<number>;
  partial: Generated<number>;
  unsupported: Generated<number>;
  citations: Generated<number>;
  precise_citations: Generated<number>;
  calls: Generated<number>;
  prompt_tokens: Generated<number>;
  completion_tokens: Generated<number>;
  reason: string | null;
  created_at: string;
}

/** One checked revision of a story (with or without flags), for the public check note. */
export interface CheckRunTable {
  id: Generated<number>;
  article_id: number;
  revision: number;
  sentence_count: number;
  source_count: number;
  checked_at: string;
}

export type ResearchSourceKind = "weibo_topic" | "feed_item" | "link";

/** One immutable version of a source: never updated; other content is another row. */
export interface ResearchSourceTable {
  id: Generated<number>;
  url: string;
  outlet: string;
  /** `zh`, `en`, …; empty when unknown. */
  language: string;
  title: string;
  /** UTC ISO when the outlet dates it; null otherwise. */
  published_at: string | null;
  retrieved_at: string;
  /** Readable text (no markup). */
  text: string;
  /** sha256 hex of title, publication time and text: one row per (url, content_hash). */
  content_hash: string;
  kind: ResearchSourceKind;
}

/** A story's source bundle, in citation order. */
export interface StorySourceTable {
  article_id: number;
  source_id: number;
  position: number;
  added_at: string;
  /** `weibo`, `feed` or `pasted`. */
  via: string;
}

/** A fetch that gave no source, kept on the story so editors see why. */
export interface ResearchProblemTable {
  id: Generated<number>;
  article_id: number;
  url: string;
  reason: string;
  detail: string;
  at: string;
}

/** A link an editor pasted for a story; research fetches it into the bundle. */
export interface StoryPastedLinkTable {
  article_id: number;
  url: string;
  added_at: string;
  added_by: number | null;
}

/** An article's uploaded lead image (migration 1100); `variants` is JSON `StoredVariant[]`. */
export interface ArticlePictureTable {
  article_id: number;
  /** sha256 hex of the cleaned, oriented image: names its variants in the media store. */
  content_hash: string;
  /** Pixel size after orientation (and after the largest-side cap), never upscaled. */
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  variants: string;
  uploaded_at: string;
  uploaded_by: number | null;
}

export type DigestEdition = "daily" | "weekly";
export type DigestIssueStatus = "draft" | "scheduled" | "sending" | "sent";

/** One digest issue: what an editor adds to the numbers (note, sending state). */
export interface DigestIssueTable {
  id: Generated<number>;
  edition: DigestEdition;
  /** Last local day the issue covers, `YYYY-MM-DD` in the digest time zone. */
  day: string;
  note: ColumnType<string, string | undefined, string>;
  status: ColumnType<DigestIssueStatus, DigestIssueStatus | undefined, DigestIssueStatus>;
  /** When the web and feed versions went public; null while a draft. */
  published_at: string | null;
  send_requested_at: string | null;
  created_at: string;
  updated_at: string;
}

export type DigestSubscriberStatus = "pending" | "active" | "unsubscribed" | "suppressed";

export interface DigestSubscriberTable {
  id: Generated<number>;
  /** Lower-cased; never shown to anyone but its owner and the newsroom's export. */
  email: string;
  status: DigestSubscriberStatus;
  frequency: ColumnType<DigestEdition, DigestEdition | undefined, DigestEdition>;
  /** JSON array of category slugs; empty means every category. */
  categories: ColumnType<string, string | undefined, string>;
  /** sha256 (hex) of the pending confirmation token; the token is only in the email. */
  confirm_token_hash: string | null;
  confirm_expires_at: string | null;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  updated_at: string;
}

export type DigestDeliveryStatus = "sending" | "sent" | "retry" | "failed";

/** The exactly-once claim: one row per issue × subscriber, inserted before the SMTP send. */
export interface DigestDeliveryTable {
  id: Generated<number>;
  issue_id: number;
  subscriber_id: number;
  status: DigestDeliveryStatus;
  claimed_by: string;
  claimed_at: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string | null;
  sent_at: string | null;
  message_id: ColumnType<string, string | undefined, string>;
  last_error: ColumnType<string, string | undefined, string>;
}

/** Addresses that bounced or complained, kept only as sha256 hashes. */
export interface DigestSuppressionTable {
  email_hash: string;
  reason: string;
  at: string;
}

export interface DigestThrottleTable {
  key: string;
  window_start: string;
  count: number;
}

export interface DigestSecretTable {
  name: string;
  value: string;
}
