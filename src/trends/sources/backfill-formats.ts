import { z } from "zod";
import { labelFromFlag, parseHeat, queryFields, searchUrl, topicQuery } from "../normalise-row.js";
import type { TrendRow } from "../trend-row.js";

/** justjavac's `raw/YYYY-MM-DD.json`: `[{url:"/weibo?q=…&band_rank=N&Refer=top", title}]`. */
export const justjavacEntrySchema = z.object({ url: z.string().min(1), title: z.string().min(1) });
export const justjavacFileSchema = z.array(justjavacEntrySchema).min(1);

/** lxw15337674's hourly `api/YYYY-MM-DD/HH.json` items (processed m.weibo.cn rows). */
export const lxwItemSchema = z.looseObject({
  title: z.string().min(1),
  url: z.string().min(1),
  hot: z.number(),
  ads: z.boolean(),
  category: z.string().optional(),
});
export const lxwFileSchema = z.array(lxwItemSchema).min(1);

/** A justjavac row: the pinned row has `Refer=new_time`; ranked rows carry `band_rank`. */
export function justjavacRow(entry: z.infer<typeof justjavacEntrySchema>): TrendRow {
  const fields = queryFields(entry.url);
  const topic = topicQuery(fields.get("q") ?? entry.title, entry.title);
  const band = Number.parseInt(fields.get("band_rank") ?? "", 10);
  const pinned = fields.get("Refer") === "new_time" || Number.isNaN(band);
  return {
    kind: pinned ? "pinned" : "ranked",
    rank: pinned ? null : band,
    word: entry.title.trim(),
    query: topic.query,
    isHashtag: topic.isHashtag,
    heat: null,
    heatCategory: "",
    label: "",
    isCommercial: false,
    url: searchUrl(topic.query),
  };
}

/** An lxw row: rank, flag and ad marker come from the m.weibo.cn `extparam` kept in its url. */
export function lxwRow(item: z.infer<typeof lxwItemSchema>): {
  row: TrendRow;
  displayTime: number | null;
} {
  const outer = queryFields(item.url);
  const ext = queryFields(outer.get("extparam") ?? "");
  const containerQ = queryFields(outer.get("containerid") ?? "").get("q");
  const q = ext.get("q") ?? containerQ ?? item.title;
  const topic = topicQuery(q, item.title);
  const realpos = Number.parseInt(ext.get("realpos") ?? "", 10);
  const isAd = ext.get("is_ad_pos") === "1";
  const kind = isAd ? "ad" : Number.isNaN(realpos) ? "pinned" : "ranked";
  const heat = parseHeat(item.hot > 0 ? item.hot : undefined);
  const display = Number.parseInt(ext.get("display_time") ?? "", 10);
  return {
    row: {
      kind,
      rank: kind === "ranked" ? realpos : null,
      word: item.title.trim(),
      query: topic.query,
      isHashtag: topic.isHashtag,
      heat: heat.heat,
      heatCategory: "",
      label: labelFromFlag(ext.get("flag")),
      isCommercial: kind === "ranked" && item.ads,
      url: searchUrl(topic.query),
    },
    displayTime: Number.isNaN(display) ? null : display,
  };
}
