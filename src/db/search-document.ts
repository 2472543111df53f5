import { chineseSearchTerms } from "../core/chinese-segment.js";

/** What an article's search entry is made from. */
export interface SearchSource {
  headline: string;
  /** The article's plain text (`article.plain_text`). */
  body: string;
  /** The Weibo hashtag, Chinese, as stored (`#…#`). */
  hashtag: string;
  /** The hashtag's English title stored with the article. */
  hashtagEn: string;
  /** The English title the trend desk keeps for the hashtag, when it differs. */
  topicTitle?: string | undefined;
  tags: string[];
  byline: string;
}

/** One row of `article_fts`. */
export interface SearchDocument {
  headline: string;
  body: string;
  /** Chinese words of headline, body, hashtag and labels, segmented and space-separated. */
  cjk: string;
  /** Tags, byline and the hashtag's English titles, one a line: searched, weighted low. */
  labels: string;
}

/**
 * The search entry of an article, the same for a save and for the upgrade that indexed
 * labels (0140), so an upgraded database finds what a fresh one does. Kept here, below
 * content and the migrations both, as it is part of what the index table holds.
 */
export function searchDocument(source: SearchSource): SearchDocument {
  const labels = [...source.tags, source.byline, source.hashtagEn, source.topicTitle ?? ""]
    .map((label) => label.trim())
    .filter((label, i, all) => label && all.indexOf(label) === i)
    .join("\n");
  return {
    headline: source.headline,
    body: source.body,
    cjk: chineseSearchTerms(`${source.headline}\n${source.body}\n${source.hashtag}\n${labels}`),
    labels,
  };
}

/** A hashtag as `trend_topic.word` stores it: without the `#` marks. */
export function hashtagWord(hashtag: string): string {
  return hashtag.trim().replace(/^#+|#+$/g, "");
}
