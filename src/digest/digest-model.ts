import type { DigestWindow } from "./digest-window.js";

/** One capture of a topic's rank (1 is the top of the list). */
export interface RankPoint {
  at: string;
  rank: number;
}

/** A topic as the digest shows it; every number comes from the stored snapshots. */
export interface DigestTopic {
  topicId: number;
  word: string;
  query: string;
  isHashtag: boolean;
  /** English title when one is stored (an editor's or a model's); empty otherwise. */
  titleEn: string;
  titleEnMachine: boolean;
  peakRank: number;
  /** First capture at the peak rank. */
  peakAt: string;
  /** Minutes between consecutive captures that both listed it, inside the window. */
  minutesOnList: number;
  /** Largest climb between two consecutive captures, when it ever climbed. */
  rise: { from: number; to: number; at: string } | null;
  /** First capture in the window labelled 爆, when it was never 爆 before the window. */
  boomAt: string | null;
  points: RankPoint[];
}

export interface DigestArticle {
  slug: string;
  headline: string;
  dek: string;
  categorySlug: string;
  categoryName: string;
  publishedAt: string;
}

export interface Digest {
  window: DigestWindow;
  /** Hot-search captures read for the window. */
  snapshotCount: number;
  topByPeak: DigestTopic[];
  topByTime: DigestTopic[];
  risers: DigestTopic[];
  booms: DigestTopic[];
  articles: DigestArticle[];
  /** The editor's note (plain text, paragraphs split by blank lines); empty when none. */
  note: string;
}

export const SECTION_SIZE = { peak: 10, time: 10, risers: 5, booms: 10 } as const;
