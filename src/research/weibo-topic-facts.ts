import { z } from "zod";

/** What one stored hot-search payload says about one topic beyond rank and heat. */
export interface TopicFacts {
  /** 导语: the topic's lead text, when the payload carries it. */
  lead: string;
  readCount: number | null;
  discussCount: number | null;
  /** 原创: original posts. */
  originalCount: number | null;
  category: string;
  heat: number | null;
  /** Board prefix of the heat (`剧集`, `综艺`…) or a status such as `正在热转`. */
  heatTag: string;
}

const EMPTY: TopicFacts = {
  lead: "",
  readCount: null,
  discussCount: null,
  originalCount: null,
  category: "",
  heat: null,
  heatTag: "",
};

const count = z
  .union([z.number(), z.string()])
  .transform((v) => (typeof v === "number" ? v : Number(String(v).replace(/[,\s]/g, ""))))
  .pipe(z.number().int().nonnegative())
  .optional()
  .catch(undefined);

/** lxw15337674's hourly items: processed m.weibo.cn rows plus the topic-detail fields. */
const lxwItem = z.looseObject({
  title: z.string(),
  description: z.string().optional().catch(undefined),
  category: z.string().optional().catch(undefined),
  hot: count,
  readCount: count,
  discussCount: count,
  origin: count,
});

/** `weibo.com/ajax/side/hotSearch` rows (older ones also carried `category`). */
const sideItem = z.looseObject({
  word: z.string(),
  note: z.string().optional().catch(undefined),
  num: count,
  raw_hot: count,
  category: z.string().optional().catch(undefined),
});
const sidePayload = z.looseObject({
  data: z.looseObject({ realtime: z.array(z.unknown()) }),
});

/** m.weibo.cn container cards: `desc` is the word, `desc_extr` the heat or a board tag. */
const mCard = z.looseObject({
  desc: z.string(),
  desc_extr: z.union([z.number(), z.string()]).optional(),
});
const mPayload = z.looseObject({
  data: z.looseObject({
    cards: z.array(z.looseObject({ card_group: z.array(z.unknown()).optional() })),
  }),
});

const clean = (s: string | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
const realCategory = (c: string | undefined) => {
  const value = clean(c);
  return value === "暂无" ? "" : value;
};

function fromLxw(json: unknown, word: string): TopicFacts | null {
  if (!Array.isArray(json)) return null;
  for (const raw of json) {
    const item = lxwItem.safeParse(raw);
    if (!item.success || clean(item.data.title) !== word) continue;
    const lead = clean(item.data.description);
    return {
      lead: lead === word ? "" : lead,
      readCount: item.data.readCount ?? null,
      discussCount: item.data.discussCount ?? null,
      originalCount: item.data.origin ?? null,
      category: realCategory(item.data.category),
      heat: item.data.hot ?? null,
      heatTag: "",
    };
  }
  return null;
}

function fromSide(json: unknown, word: string): TopicFacts | null {
  const payload = sidePayload.safeParse(json);
  if (!payload.success) return null;
  for (const raw of payload.data.data.realtime) {
    const item = sideItem.safeParse(raw);
    if (!item.success || clean(item.data.word) !== word) continue;
    const note = clean(item.data.note);
    return {
      ...EMPTY,
      lead: note === word ? "" : note,
      category: realCategory(item.data.category),
      heat: item.data.num ?? item.data.raw_hot ?? null,
    };
  }
  return null;
}

function fromMWeiboCn(json: unknown, word: string): TopicFacts | null {
  const payload = mPayload.safeParse(json);
  if (!payload.success) return null;
  for (const card of payload.data.data.cards) {
    for (const raw of card.card_group ?? []) {
      const item = mCard.safeParse(raw);
      if (!item.success || clean(item.data.desc) !== word) continue;
      const extra = item.data.desc_extr;
      if (typeof extra === "number") return { ...EMPTY, heat: extra };
      const match = /^(\D*?)\s*(\d+)?$/.exec(clean(extra));
      return {
        ...EMPTY,
        heat: match?.[2] ? Number(match[2]) : null,
        heatTag: clean(match?.[1]),
      };
    }
  }
  return null;
}

/**
 * Reads the topic's row out of a raw payload of any stored source. Each endpoint carries
 * different fields: lxw's hourly files have the lead (导语), read, discussion and original
 * counts and a category; the side API a note; m.weibo.cn only heat and a board tag; the
 * summary HTML and justjavac's lists nothing beyond rank. Null when the topic is not in it.
 */
export function topicFactsFrom(source: string, payload: string, word: string): TopicFacts | null {
  if (source === "summary-html" || source.startsWith("justjavac")) return null;
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  if (source === "lxw-hourly") return fromLxw(json, word);
  if (source === "side-hotsearch") return fromSide(json, word);
  if (source === "m-weibo-cn") return fromMWeiboCn(json, word);
  return fromLxw(json, word) ?? fromSide(json, word) ?? fromMWeiboCn(json, word);
}
