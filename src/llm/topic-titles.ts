import type { Kysely } from "kysely";
import { z } from "zod";
import { recordChange } from "../changes/record-change.js";
import type { Logger } from "../core/log.js";
import type { Tables } from "../db/schema.js";
import { addUsage, NO_USAGE } from "./llm-cost.js";
import type { LlmProvider, LlmUsage } from "./llm-provider.js";

/** Topics per model call: enough to amortise the prompt, small enough for any context. */
export const TITLE_BATCH_SIZE = 25;
/** Upper bound per run, so one job never holds the worker for long. */
const MAX_TOPICS_PER_RUN = 200;

const titlesSchema = z.object({
  titles: z.array(
    z.object({
      id: z.number().int(),
      en: z.string().trim().min(1).max(200),
    }),
  ),
});

const SYSTEM = `You translate topics from Weibo's hot-search list (Chinese) into short English titles for an English-language news site.
Rules:
- One title per topic id you are given; keep each id exactly as given.
- Plain, neutral news English, at most 12 words, no quotation marks, no hashtags, no emoji.
- Translate only what the Chinese says; add no facts, names or numbers that are not in it.
- Romanise Chinese personal names in pinyin (family name first) unless a well-known English name exists.`;

export interface TitleRun {
  /** Topics that got a title in this run. */
  titled: number;
  /** Topics sent but left untitled (the model skipped them or a batch failed). */
  missed: number;
  calls: number;
  usage: LlmUsage;
}

/**
 * Gives every topic currently on the hot-search list that has no English title a machine
 * translation, in batches. Idempotent: only untitled topics are sent, and a write never
 * replaces a title that appeared meanwhile (an editor's or another worker's).
 */
export async function titleUntitledTopics(
  db: Kysely<Tables>,
  provider: LlmProvider,
  now: Date,
  log: Logger,
  options: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<TitleRun> {
  const batchSize = options.batchSize ?? TITLE_BATCH_SIZE;
  const topics = await untitledOnList(db);
  const run: TitleRun = { titled: 0, missed: 0, calls: 0, usage: NO_USAGE };
  for (let start = 0; start < topics.length; start += batchSize) {
    const batch = topics.slice(start, start + batchSize);
    const sent = new Map(batch.map((t) => [t.id, t]));
    let titles: { id: number; en: string }[];
    let model: string;
    try {
      run.calls++;
      const result = await provider.generate({
        task: "topic-titles",
        system: SYSTEM,
        user: `Topics as JSON (id and Chinese text):\n${JSON.stringify(
          batch.map((t) => ({ id: t.id, zh: t.isHashtag ? `#${t.word}#` : t.word })),
        )}\nAnswer as JSON: {"titles":[{"id":<id>,"en":"<English title>"}]}`,
        schema: titlesSchema,
        schemaName: "topic_titles",
        maxTokens: 60 * batch.length + 100,
        temperature: 0.2,
        signal: options.signal,
      });
      run.usage = addUsage(run.usage, result.usage);
      titles = result.value.titles;
      model = result.model;
    } catch (error) {
      const usage = (error as { detail?: { usage?: LlmUsage } }).detail?.usage;
      if (usage) run.usage = addUsage(run.usage, usage);
      // A failed batch stays untitled and is sent again on the next run.
      log.warn({ err: error, topics: batch.length }, "topic titles: batch failed");
      run.missed += batch.length;
      continue;
    }
    const accepted = new Map<number, string>();
    for (const t of titles)
      if (sent.has(t.id) && !accepted.has(t.id)) accepted.set(t.id, clean(t.en));
    await db.transaction().execute(async (trx) => {
      const titled: number[] = [];
      for (const [id, en] of accepted) {
        if (!en) continue;
        const result = await trx
          .updateTable("trend_topic")
          .set({
            title_en: en,
            title_en_machine: 1,
            title_en_model: model,
            updated_at: now.toISOString(),
          })
          .where("id", "=", id)
          .where("title_en", "=", "")
          .executeTakeFirst();
        run.titled += Number(result.numUpdatedRows);
        if (Number(result.numUpdatedRows) > 0) titled.push(id);
      }
      if (titled.length > 0) await recordChange(trx, { kind: "trends", topicIds: titled }, now);
    });
    run.missed += batch.length - accepted.size;
  }
  return run;
}

/** Topics on the list now (not gone) without any English title, best-ranked first. */
export async function untitledOnList(
  db: Kysely<Tables>,
): Promise<{ id: number; word: string; isHashtag: boolean }[]> {
  const rows = await db
    .selectFrom("trend_topic")
    .select(["id", "word", "is_hashtag"])
    .where("title_en", "=", "")
    .where("state", "!=", "gone")
    .orderBy("last_rank")
    .orderBy("id")
    .limit(MAX_TOPICS_PER_RUN)
    .execute();
  return rows.map((r) => ({ id: r.id, word: r.word, isHashtag: r.is_hashtag === 1 }));
}

/** A title is one line of plain text: the model's quotes, hashtags and newlines go. */
function clean(title: string): string {
  return title
    .replace(/[\r\n]+/g, " ")
    .replace(/^["'“‘#\s]+|["'”’#\s]+$/g, "")
    .replace(/\s{2,}/g, " ")
    .trim()
    .slice(0, 200);
}
