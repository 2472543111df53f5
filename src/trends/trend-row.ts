/** Where a hot-search list came from. The three live endpoints plus the backfill formats. */
export const LIVE_SOURCES = ["m-weibo-cn", "side-hotsearch", "summary-html"] as const;
export type LiveSourceId = (typeof LIVE_SOURCES)[number];
export type SourceId = LiveSourceId | "lxw-hourly" | "justjavac-list" | "justjavac-archive";

/** Weibo's flags: 新 new, 热 hot, 爆 explosive, 暖 warm, 沸 boiling; empty when none. */
export type TrendLabel = "新" | "热" | "爆" | "暖" | "沸" | "";

/**
 * One row of a hot-search list after normalisation. `ranked` rows hold ranks 1..N;
 * the pinned (置顶) row and ad slots are recognised and kept apart, never ranked.
 */
export interface TrendRow {
  kind: "ranked" | "pinned" | "ad";
  rank: number | null;
  /** Topic word without `#`, as shown on the list. */
  word: string;
  /** Search query exactly as Weibo forms it: `#word#` for a hashtag, the bare word otherwise. */
  query: string;
  isHashtag: boolean;
  heat: number | null;
  /** Board prefix of a heat string such as `综艺 133258`; empty for plain numbers. */
  heatCategory: string;
  label: TrendLabel;
  /** A ranked topic that carries `ads_word` (paid), still holding its real rank. */
  isCommercial: boolean;
  /** Weibo search link for the topic. */
  url: string;
}

/** What a source parser extracts from one payload before validation. */
export interface ParsedList {
  rows: TrendRow[];
  /** When Weibo says it generated the list, when the payload tells. */
  generatedAt: Date | null;
}
