import type { LiveSourceId } from "../trend-row.js";
import { mWeiboCnSource } from "./m-weibo-cn-source.js";
import { sideHotSearchSource } from "./side-hotsearch-source.js";
import { summaryHtmlSource } from "./summary-html-source.js";
import type { TrendSource } from "./trend-source.js";

/** Every live source by id; config names the order. */
export const SOURCES: Record<LiveSourceId, TrendSource> = {
  "m-weibo-cn": mWeiboCnSource,
  "side-hotsearch": sideHotSearchSource,
  "summary-html": summaryHtmlSource,
};
