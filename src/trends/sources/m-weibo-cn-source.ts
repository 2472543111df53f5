import { failure } from "../fetch-failure.js";
import { labelFromIcon, parseHeat, pipeFields, searchUrl, topicQuery } from "../normalise-row.js";
import type { ParsedList, TrendRow } from "../trend-row.js";
import { type MWeiboCnRow, mWeiboCnPayloadSchema } from "./m-weibo-cn-payload.js";
import { isFailure, parseWeiboPayload, type TrendSource, weiboRequest } from "./trend-source.js";

const URL_M_WEIBO_CN =
  "https://m.weibo.cn/api/container/getIndex?containerid=106003type%3D25%26t%3D3%26disable_hot%3D1%26filter_type%3Drealtimehot&title=%E5%BE%AE%E5%8D%9A%E7%83%AD%E6%90%9C&extparam=filter_type%3Drealtimehot%26mi_cid%3D100103%26pos%3D0_0%26c_type%3D30&luicode=10000011&lfid=231583";

/** The mobile container JSON: the richest list (rank, heat, flags, ad markers). */
export const mWeiboCnSource: TrendSource = {
  id: "m-weibo-cn",
  contentType: "json",
  request(settings) {
    return weiboRequest(URL_M_WEIBO_CN, settings, {
      Accept: "application/json, text/plain, */*",
      Referer: "https://s.weibo.com/top/summary?cate=realtimehot",
      "MWeibo-Pwa": "1",
      "X-Requested-With": "XMLHttpRequest",
    });
  },
  parse: parseMWeiboCn,
};

export function parseMWeiboCn(body: string): ReturnType<TrendSource["parse"]> {
  const payload = parseWeiboPayload(body, mWeiboCnPayloadSchema);
  if (isFailure(payload)) return payload;
  const listCard =
    payload.data.data.cards.find((card) => card.itemid === "hotword") ??
    payload.data.data.cards.find((card) =>
      card.card_group?.some((row) => /img_search_\d+\.png/.test(row.pic ?? "")),
    );
  const group = listCard?.card_group ?? [];
  if (group.length === 0) return failure("empty_list", "no hot-word card rows");
  const rows: TrendRow[] = [];
  for (const raw of group) {
    const row = normaliseMWeiboCnRow(raw);
    if (row) rows.push(row);
  }
  const start = payload.data.data.cardlistInfo?.starttime;
  const list: ParsedList = { rows, generatedAt: start ? new Date(start * 1000) : null };
  return list;
}

/** One card row → a normalised row; null for rows that name no topic at all. */
export function normaliseMWeiboCnRow(raw: MWeiboCnRow): TrendRow | null {
  const desc = (raw.desc ?? "").trim();
  const item = pipeFields(raw.itemid);
  const ext = pipeFields(raw.actionlog?.ext);
  const key = item.get("key") ?? ext.get("key") ?? desc;
  if (!desc && !key) return null;
  const pic = raw.pic ?? "";
  const realpos = Number.parseInt(item.get("realpos") ?? ext.get("realpos") ?? "", 10);
  const picRank = Number.parseInt(pic.match(/img_search_(\d+)\.png/)?.[1] ?? "", 10);
  const isAd =
    pic.endsWith("search_point_orange.png") ||
    item.get("is_ad_pos") === "1" ||
    ext.get("is_ad_pos") === "1";
  const isPinned = !isAd && (pic.includes("img_search_stick") || item.get("cate") === "5000");
  const rank = Number.isNaN(realpos) ? (Number.isNaN(picRank) ? null : picRank) : realpos;
  const kind = isAd ? "ad" : isPinned ? "pinned" : rank === null ? "ad" : "ranked";
  const topic = topicQuery(key, desc);
  const heat = parseHeat(raw.desc_extr);
  return {
    kind,
    rank: kind === "ranked" ? rank : null,
    word: desc || topic.word,
    query: topic.query,
    isHashtag: topic.isHashtag,
    heat: heat.heat,
    heatCategory: heat.category,
    label: labelFromIcon(raw.icon),
    isCommercial: kind === "ranked" && ext.has("ads_word"),
    url: searchUrl(topic.query),
  };
}
