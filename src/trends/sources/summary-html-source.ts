import { z } from "zod";
import { failure } from "../fetch-failure.js";
import { labelFromText, parseHeat, queryFields, searchUrl, topicQuery } from "../normalise-row.js";
import type { TrendRow } from "../trend-row.js";
import { isVisitorPage, type TrendSource, weiboRequest } from "./trend-source.js";

/** A row as read out of the page, before it is trusted. */
export const summaryHtmlRowSchema = z.object({
  rankText: z.string(),
  href: z.string().min(1),
  hrefTo: z.string(),
  title: z.string().min(1),
  heatText: z.string(),
  labelText: z.string(),
});
export type SummaryHtmlRow = z.infer<typeof summaryHtmlRowSchema>;

/** The desktop page `s.weibo.com/top/summary`: the most durable source, with a `SUB=` cookie. */
export const summaryHtmlSource: TrendSource = {
  id: "summary-html",
  contentType: "html",
  request(settings) {
    return weiboRequest("https://s.weibo.com/top/summary?cate=realtimehot", settings, {
      Accept: "text/html,application/xhtml+xml",
      Referer: "https://weibo.com/",
    });
  },
  parse: parseSummaryHtml,
};

export function parseSummaryHtml(body: string): ReturnType<TrendSource["parse"]> {
  const start = body.indexOf('id="pl_top_realtimehot"');
  if (start < 0) {
    if (isVisitorPage(body)) return failure("visitor_system", "Sina Visitor System page");
    return failure("shape", "no #pl_top_realtimehot table");
  }
  const tbody = body.slice(start).match(/<tbody[^>]*>([\s\S]*?)<\/tbody>/i);
  if (!tbody?.[1]) return failure("shape", "no table body");
  const rows: TrendRow[] = [];
  for (const tr of tbody[1].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gi)) {
    const extracted = extractRow(tr[1] ?? "");
    if (!extracted) continue;
    const checked = summaryHtmlRowSchema.safeParse(extracted);
    if (!checked.success) return failure("shape", "a row without link or title");
    rows.push(normaliseSummaryRow(checked.data));
  }
  if (rows.length === 0) return failure("empty_list", "table has no rows");
  return { rows, generatedAt: null };
}

function cell(html: string, cls: string): string | null {
  const match = html.match(
    new RegExp(`<td[^>]*class="[^"]*\\b${cls}\\b[^"]*"[^>]*>([\\s\\S]*?)</td>`, "i"),
  );
  return match ? (match[1] ?? "") : null;
}

function extractRow(html: string): Record<string, string> | null {
  const main = cell(html, "td-02");
  if (main === null) return null;
  const anchor = main.match(/<a\b([^>]*)>([\s\S]*?)<\/a>/i);
  const attrs = anchor?.[1] ?? "";
  return {
    rankText: textOf(cell(html, "td-01") ?? ""),
    href: decodeEntities(attrs.match(/\bhref="([^"]*)"/i)?.[1] ?? ""),
    hrefTo: decodeEntities(attrs.match(/\bhref_to="([^"]*)"/i)?.[1] ?? ""),
    title: textOf(anchor?.[2] ?? ""),
    heatText: textOf(main.match(/<span[^>]*>([\s\S]*?)<\/span>/i)?.[1] ?? ""),
    labelText: textOf(cell(html, "td-03") ?? ""),
  };
}

export function normaliseSummaryRow(row: SummaryHtmlRow): TrendRow {
  const isAd = /^javascript:/i.test(row.href) || /[荐商宣促]/.test(row.labelText);
  const link = isAd && row.hrefTo ? row.hrefTo : row.href;
  const fields = queryFields(link);
  const rank = /^\d+$/.test(row.rankText) ? Number(row.rankText) : null;
  const isPinned = !isAd && (rank === null || fields.get("Refer") === "new_time");
  const topic = topicQuery(fields.get("q") ?? row.title, row.title);
  const heat = parseHeat(row.heatText);
  return {
    kind: isAd ? "ad" : isPinned ? "pinned" : "ranked",
    rank: isAd || isPinned ? null : rank,
    word: row.title,
    query: topic.query,
    isHashtag: topic.isHashtag,
    heat: heat.heat,
    heatCategory: heat.category,
    label: labelFromText(row.labelText),
    isCommercial: false,
    url: searchUrl(topic.query),
  };
}

function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

function decodeEntities(text: string): string {
  return text.replace(
    /&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp|#39);/gi,
    (_, entity: string) => {
      const e = entity.toLowerCase();
      if (e.startsWith("#x")) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
      if (e.startsWith("#")) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
      return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " }[e] ?? "";
    },
  );
}
