import type { TrendLabel } from "./trend-row.js";

/** Weibo's flag icons: `moter/flags/{n}_0.png`. */
const FLAG_LABELS: Record<number, TrendLabel> = { 1: "新", 2: "热", 4: "爆", 8: "沸", 32768: "暖" };

export function labelFromFlag(flag: number | string | null | undefined): TrendLabel {
  const n = typeof flag === "string" ? Number.parseInt(flag, 10) : flag;
  if (n === undefined || n === null || Number.isNaN(n)) return "";
  return FLAG_LABELS[n] ?? "";
}

/** `https://simg.s.weibo.com/moter/flags/2_0.png` → 热. Ad icons and unknown icons give "". */
export function labelFromIcon(icon: string | undefined): TrendLabel {
  const match = icon?.match(/\/moter\/flags\/(\d+)_0\.png/);
  return match ? labelFromFlag(match[1]) : "";
}

const TEXT_LABELS = new Set<string>(["新", "热", "爆", "沸", "暖"]);

/** A label shown as text (desktop HTML `td-03`, ajax `label_name`). */
export function labelFromText(text: string | undefined): TrendLabel {
  const t = (text ?? "").trim();
  return TEXT_LABELS.has(t) ? (t as TrendLabel) : "";
}

export interface Heat {
  heat: number | null;
  category: string;
}

/**
 * Heat arrives as a number (1157529), as a board string ("综艺 133258"), as a bare board
 * name ("演出"), or empty for ad slots. Only whole non-negative numbers are accepted.
 */
export function parseHeat(value: number | string | null | undefined): Heat {
  if (typeof value === "number") {
    return Number.isSafeInteger(value) && value >= 0
      ? { heat: value, category: "" }
      : { heat: null, category: "" };
  }
  const text = (value ?? "").trim();
  if (text === "") return { heat: null, category: "" };
  const match = text.match(/^(\D*?)\s*(\d+)$/);
  if (!match) return { heat: null, category: text };
  const heat = Number(match[2]);
  return { heat: Number.isSafeInteger(heat) ? heat : null, category: (match[1] ?? "").trim() };
}

export interface TopicQuery {
  word: string;
  query: string;
  isHashtag: boolean;
}

/**
 * Splits Weibo's search key into the display word and the query. `#九三盛大阅兵#` is a
 * hashtag topic; `赴山海` a bare search word. The two must never be merged: they are
 * different searches on Weibo.
 */
export function topicQuery(key: string, fallbackWord?: string): TopicQuery {
  const trimmed = key.trim();
  const isHashtag = trimmed.length > 2 && trimmed.startsWith("#") && trimmed.endsWith("#");
  const word = isHashtag ? trimmed.slice(1, -1).trim() : trimmed;
  return { word: word || (fallbackWord ?? "").trim(), query: trimmed, isHashtag };
}

/** `https://s.weibo.com/weibo?q=%23…%23` for hashtags, `?q=word` for bare words. */
export function searchUrl(query: string): string {
  return `https://s.weibo.com/weibo?q=${encodeURIComponent(query)}`;
}

/** Fields of Weibo's pipe-delimited `itemid` / `actionlog.ext` strings (`realpos:3|key:#w#`). */
export function pipeFields(text: string | undefined): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of (text ?? "").split("|")) {
    const colon = part.indexOf(":");
    if (colon > 0) fields.set(part.slice(0, colon), part.slice(colon + 1));
  }
  return fields;
}

/** Query-string fields of a URL or of an already-decoded `a=1&b=2` string; never throws. */
export function queryFields(urlOrQuery: string): URLSearchParams {
  const q = urlOrQuery.includes("?") ? urlOrQuery.slice(urlOrQuery.indexOf("?") + 1) : urlOrQuery;
  try {
    return new URLSearchParams(q);
  } catch {
    return new URLSearchParams();
  }
}
