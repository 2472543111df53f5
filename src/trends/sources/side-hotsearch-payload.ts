import { z } from "zod";

/** A `data.realtime[]` row of `weibo.com/ajax/side/hotSearch` (field names as of 2025–26). */
export const sideHotSearchRowSchema = z.looseObject({
  word: z.string(),
  word_scheme: z.string().optional(),
  note: z.string().optional(),
  num: z.number().optional(),
  /** Pre-2024-07 name of `num`. */
  raw_hot: z.number().optional(),
  realpos: z.number().optional(),
  rank: z.number().optional(),
  label_name: z.string().optional(),
  icon_desc: z.string().optional(),
  flag: z.number().optional(),
  is_ad: z.number().optional(),
  topic_ad: z.number().optional(),
  ad_info: z.unknown().optional(),
});
export type SideHotSearchRow = z.infer<typeof sideHotSearchRowSchema>;

const pinnedSchema = z.looseObject({ word: z.string(), name: z.string().optional() });

export const sideHotSearchPayloadSchema = z.looseObject({
  ok: z.literal(1),
  data: z.looseObject({
    hotgov: pinnedSchema.optional(),
    hotgovs: z.array(pinnedSchema).optional(),
    realtime: z.array(sideHotSearchRowSchema),
  }),
});
