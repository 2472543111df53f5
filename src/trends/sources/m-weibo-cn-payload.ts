import { z } from "zod";

/** One `card_group` row of the m.weibo.cn realtimehot container (card_type 4). */
export const mWeiboCnRowSchema = z.object({
  card_type: z.number().optional(),
  desc: z.string().optional(),
  desc_extr: z.union([z.number(), z.string()]).optional(),
  pic: z.string().optional(),
  icon: z.string().optional(),
  scheme: z.string().optional(),
  itemid: z.string().optional(),
  actionlog: z.object({ ext: z.string().optional() }).optional(),
  promotion: z.unknown().optional(),
});
export type MWeiboCnRow = z.infer<typeof mWeiboCnRowSchema>;

export const mWeiboCnCardSchema = z.object({
  card_type: z.number().optional(),
  itemid: z.string().optional(),
  title: z.string().optional(),
  card_group: z.array(mWeiboCnRowSchema).optional(),
});

/** The whole answer: `{ok: 1, data: {cardlistInfo, cards[]}}`. */
export const mWeiboCnPayloadSchema = z.object({
  ok: z.literal(1),
  data: z.object({
    cardlistInfo: z.object({ starttime: z.number().optional() }).optional(),
    cards: z.array(mWeiboCnCardSchema),
  }),
});

/** Just enough to read the status of any answer, including `ok:-100` and `ok:0`. */
export const weiboStatusSchema = z.object({
  ok: z.number(),
  msg: z.string().optional(),
});
