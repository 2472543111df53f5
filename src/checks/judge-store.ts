import type { Insertable, Kysely, Selectable } from "kysely";
import type { CheckJudgeRunTable, Tables } from "../db/schema.js";
import type { JudgeReport } from "./entailment-judge.js";
import { fingerprintOf } from "./flag-store.js";

export type JudgeRun = Selectable<CheckJudgeRunTable>;

export interface JudgeRunKey {
  articleId: number;
  revision: number;
  provider: string;
  model: string;
}

/** The judge's run on one revision, or undefined when it has not run (or is off). */
export async function loadJudgeRun(
  db: Kysely<Tables>,
  articleId: number,
  revision: number,
): Promise<JudgeRun | undefined> {
  return db
    .selectFrom("check_judge_run")
    .selectAll()
    .where("article_id", "=", articleId)
    .where("revision", "=", revision)
    .executeTakeFirst();
}

/** Claims the revision's one run row; false when a run already recorded it (a rerun). */
async function claimRun(
  trx: Kysely<Tables>,
  key: JudgeRunKey,
  values: Omit<
    Insertable<CheckJudgeRunTable>,
    "id" | "article_id" | "revision" | "provider" | "model"
  >,
): Promise<boolean> {
  const result = await trx
    .insertInto("check_judge_run")
    .values({
      article_id: key.articleId,
      revision: key.revision,
      provider: key.provider,
      model: key.model.slice(0, 200),
      ...values,
    })
    .onConflict((oc) => oc.columns(["article_id", "revision"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return result !== undefined;
}

/**
 * Stores a finished judge run and its flags next to the rule checks' flags of the same
 * revision. A judge flag an editor overrode on an earlier revision, for the same sentence
 * and finding, stays overridden: the reasoned decision stands while the sentence does.
 * Run in a transaction; writes nothing when the revision already has a run.
 */
export async function recordJudgeRun(
  trx: Kysely<Tables>,
  key: JudgeRunKey,
  report: JudgeReport,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const claimed = await claimRun(trx, key, {
    status: "done",
    citation_recall: report.citationRecall,
    citation_precision: report.citationPrecision,
    sentences: report.sentences,
    supported: report.supported,
    partial: report.partial,
    unsupported: report.unsupported,
    citations: report.citations,
    precise_citations: report.preciseCitations,
    calls: report.calls,
    prompt_tokens: report.usage.promptTokens,
    completion_tokens: report.usage.completionTokens,
    reason: null,
    created_at: at,
  });
  if (!claimed || report.flags.length === 0) return claimed;
  const overridden = await trx
    .selectFrom("check_flag")
    .select(["fingerprint", "resolution_reason", "resolver_id", "resolver_label", "resolved_at"])
    .where("article_id", "=", key.articleId)
    .where("revision", "<", key.revision)
    .where("kind", "=", "entailment")
    .where("status", "=", "overridden")
    .orderBy("revision", "desc")
    .execute();
  const byPrint = new Map<string, (typeof overridden)[number]>();
  for (const o of overridden) if (!byPrint.has(o.fingerprint)) byPrint.set(o.fingerprint, o);
  await trx
    .insertInto("check_flag")
    .values(
      report.flags.map((f) => {
        const fingerprint = fingerprintOf(f);
        const prior = byPrint.get(fingerprint);
        return {
          article_id: key.articleId,
          revision: key.revision,
          sentence_index: f.sentenceIndex,
          sentence: f.sentence.slice(0, 2000),
          kind: f.kind,
          fingerprint,
          message: f.message.slice(0, 1000),
          evidence: f.evidence.slice(0, 2000),
          severity: f.severity,
          status: prior ? "overridden" : "open",
          resolution_reason: prior?.resolution_reason ?? null,
          resolver_id: prior?.resolver_id ?? null,
          resolver_label: prior?.resolver_label ?? null,
          resolved_at: prior?.resolved_at ?? null,
          created_at: at,
        };
      }),
    )
    .execute();
  return true;
}

/** Stores why the judge gave no answer for a revision; it raises no flag. False on a rerun. */
export async function recordJudgeFailure(
  trx: Kysely<Tables>,
  key: JudgeRunKey,
  reason: string,
  now: Date,
): Promise<boolean> {
  return claimRun(trx, key, {
    status: "failed",
    citation_recall: null,
    citation_precision: null,
    reason: reason.slice(0, 1000),
    created_at: now.toISOString(),
  });
}
