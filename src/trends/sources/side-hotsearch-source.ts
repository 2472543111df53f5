import { failure } from "../fetch-failure.js";
import {
  labelFromFlag,
  labelFromText,
  parseHeat,
  searchUrl,
  topicQuery,
} from "../normalise-row.js";
import type { TrendRow } from "../trend-row.js";
import { type SideHotSearchRow, sideHotSearchPayloadSchema } from "./side-hotsearch-payload.js";
import { isFailure, parseWeiboPayload, type TrendSource, weiboRequest } from "./trend-source.js";

/** The desktop side-panel JSON: the simplest list; ad rows carry `is_ad: 1` and no `realpos`. */
export const sideHotSearchSource: TrendSource = {
  id: "side-hotsearch",
  contentType: "json",
  request(settings) {
    return weiboRequest("https://weibo.com/ajax/side/hotSearch", settings, {
      Accept: "application/json, text/plain, */*",
      Referer: "https://weibo.com/",
    });
  },
  parse: parseSideHotSearch,
};

export function parseSideHotSearch(body: string): ReturnType<TrendSource["parse"]> {
  const payload = parseWeiboPayload(body, sideHotSearchPayloadSchema);
  if (isFailure(payload)) return payload;
  const { hotgov, hotgovs, realtime } = payload.data.data;
  if (realtime.length === 0) return failure("empty_list", "data.realtime is empty");
  const pinned = hotgovs && hotgovs.length > 0 ? hotgovs : hotgov ? [hotgov] : [];
  const rows: TrendRow[] = pinned.map((p) => {
    const topic = topicQuery(p.word);
    return {
      kind: "pinned",
      rank: null,
      word: topic.word,
      query: topic.query,
      isHashtag: topic.isHashtag,
      heat: null,
      heatCategory: "",
      label: "",
      isCommercial: false,
      url: searchUrl(topic.query),
    };
  });
  for (const row of realtime) rows.push(normaliseSideRow(row));
  return { rows, generatedAt: null };
}

export function normaliseSideRow(row: SideHotSearchRow): TrendRow {
  const isAd = row.is_ad === 1 || row.realpos === undefined;
  const topic = topicQuery(row.word_scheme ?? `#${row.word}#`, row.word);
  const heat = parseHeat(row.num ?? row.raw_hot);
  const label =
    labelFromText(row.label_name) || labelFromText(row.icon_desc) || labelFromFlag(row.flag);
  return {
    kind: isAd ? "ad" : "ranked",
    rank: isAd ? null : (row.realpos ?? null),
    word: row.word.trim(),
    query: topic.query,
    isHashtag: topic.isHashtag,
    heat: heat.heat,
    heatCategory: heat.category,
    label,
    isCommercial: !isAd && (row.topic_ad === 1 || row.ad_info !== undefined),
    url: searchUrl(topic.query),
  };
}
