import { z } from "zod";
import type { Change } from "./change.js";

const placement = z.object({
  slug: z.string(),
  categoryId: z.number().int(),
  authorId: z.number().int(),
  tagIds: z.array(z.number().int()),
  month: z.string().nullable(),
  visible: z.boolean(),
});

const ids = z.array(z.number().int());

/** Reads a stored change back: the table is written by any version of any process. */
export const changeSchema: z.ZodType<Change> = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("article"),
    articleId: z.number().int(),
    before: placement.nullable(),
    after: placement.nullable(),
  }),
  z.object({ kind: z.literal("related"), articleIds: ids }),
  z.object({ kind: z.literal("trends"), topicIds: ids }),
  z.object({ kind: z.literal("settings"), keys: z.array(z.string()) }),
]);
