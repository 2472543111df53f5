import type { Kysely } from "kysely";
import { type ArticleSummary, listPublished } from "../../content/article-queries.js";
import { findCategoryBySlug } from "../../content/taxonomy-queries.js";
import type { Tables } from "../../db/schema.js";
import { loadArticlePictures } from "../../media/article-pictures.js";
import type { PictureView } from "../../media/picture-view.js";
import { type ReplaySpan, replaySpan } from "../../trends/replay-queries.js";
import { type HotRow, hotSearchNow } from "../../trends/trend-queries.js";

/** Stories in the grid under the lead: two rows of three on a desktop. */
export const GRID_SIZE = 6;
/** Stories per category row: one row of four on a desktop. */
export const ROW_SIZE = 4;
/** Topics in the "Trending on Weibo" module. */
export const TRENDING_SIZE = 10;

export interface TrendingModule {
  rows: HotRow[];
  capturedAt: string;
  /** Set when the list is the recorded demo day: the module says so, with its date. */
  replay: ReplaySpan | null;
}

export interface HomeData {
  lead: ArticleSummary | undefined;
  grid: ArticleSummary[];
  trending: TrendingModule | null;
  /** Categories in navigation order, each without the stories shown above; empty ones left out. */
  rows: { slug: string; name: string; articles: ArticleSummary[] }[];
  /** Pictures of the lead and the grid (uploaded lead image, else the share card). */
  pictures: Map<number, PictureView>;
}

/**
 * What the front page shows at `now` (UTC ISO): the newest story as the lead, the next
 * ones in a grid, the top of the latest hot-search list without advertising slots, and a
 * row per category that never repeats a story already on the page.
 */
export async function loadHomeData(
  db: Kysely<Tables>,
  now: string,
  categories: { slug: string; name: string }[],
): Promise<HomeData> {
  const [latest, hot] = await Promise.all([
    listPublished(db, now, {}, { limit: 1 + GRID_SIZE, offset: 0 }),
    hotSearchNow(db, now),
  ]);
  const shown = latest.map((a) => a.id);
  const pictures = await loadArticlePictures(db, shown);
  const rows = await Promise.all(
    categories.map(async (cat) => {
      const row = await findCategoryBySlug(db, cat.slug);
      const articles = row
        ? await listPublished(
            db,
            now,
            { categoryId: row.id, excludeIds: shown },
            { limit: ROW_SIZE, offset: 0 },
          )
        : [];
      return { slug: cat.slug, name: cat.name, articles };
    }),
  );
  // Pinned and advert slots never reach trend_point; paid ranked topics are dropped here.
  const trendingRows = hot.rows.filter((r) => !r.isCommercial).slice(0, TRENDING_SIZE);
  const trending =
    hot.snapshot && trendingRows.length > 0
      ? {
          rows: trendingRows,
          capturedAt: hot.snapshot.capturedAt,
          replay: hot.snapshot.isReplay ? await replaySpan(db) : null,
        }
      : null;
  return {
    lead: latest[0],
    grid: latest.slice(1),
    trending,
    rows: rows.filter((r) => r.articles.length > 0),
    pictures,
  };
}
