import { z } from "zod";
import { notFound } from "../core/errors.js";
import { LlmError, type LlmProvider } from "../llm/llm-provider.js";
import type { AuditContext } from "../newsroom/audit-log.js";
import { saveStory } from "../newsroom/commands/story-commands.js";
import type { NewsroomDeps } from "../newsroom/newsroom-deps.js";
import { loadStory } from "../newsroom/story-queries.js";
import { assembleDraft, DraftInvalidError } from "./draft-assemble.js";
import { leadAnswer, type SectionAnswer, sectionAnswer } from "./draft-schemas.js";
import {
  type DraftSource,
  draftSource,
  EXPLAINER_MIN_OUTLETS,
  independentOutlets,
} from "./draft-source.js";
import {
  type DraftMode,
  factList,
  factsStage,
  leadStage,
  MODE_SHAPE,
  outlineAnswer,
  outlineStage,
  sectionStage,
  TEMPLATES,
  translateStage,
  translation,
} from "./draft-stages.js";
import { type CostOf, StageAnswerError, type StageLlm } from "./llm-call.js";
import { type OfficeHolderSource, promptContext } from "./prompt-context.js";
import {
  doneStage,
  ensurePipeline,
  finishStage,
  loadPipeline,
  NO_COST,
  type StageCost,
  setPipeline,
  startStage,
} from "./stage-store.js";

/** The system actor the pipeline's saves are audited as. */
export const PIPELINE_ACTOR: AuditContext = {
  actorId: null,
  actorLabel: "Resou pipeline",
  ip: "",
  userAgent: "",
};

/** Research as drafting sees it (`src/research` implements it). */
export interface ResearchPort {
  /** Gathers the story's bundle; idempotent per story. */
  gather(
    articleId: number,
  ): Promise<{ sources: DraftSource[]; problems: { url: string; reason: string }[] }>;
  /** The story's stored bundle, in order, without fetching anything. */
  list(articleId: number): Promise<DraftSource[]>;
}

export interface ProgressEvent {
  articleId: number;
  stage: string;
  state: "start" | "done" | "reused" | "failed" | "stopped";
  detail?: string;
}

export interface PipelineDeps {
  newsroom: NewsroomDeps;
  /** `null` with `LLM_PROVIDER=none`: the pipeline stops after research. */
  provider: LlmProvider | null;
  research: ResearchPort;
  officeHolders: OfficeHolderSource;
  costOf: CostOf;
  onProgress?: (event: ProgressEvent) => void;
}

export type PipelineOutcome =
  | { state: "done"; revision: number }
  | { state: "stopped" | "failed"; reason: string };

/** A stage's failure the pipeline reports and stops on (rather than retrying the job). */
class StageStop extends Error {
  constructor(
    readonly state: "stopped" | "failed",
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** What the research stage stores: the bundle without its texts (those stay in research). */
const researchStageOutput = z.object({
  baseRevision: z.number().int().min(0),
  mode: z.enum(["explainer", "brief"]),
  outlets: z.number().int().min(0),
  sources: z.array(draftSource.omit({ text: true }).extend({ chars: z.number().int().min(0) })),
  problems: z.array(z.object({ url: z.string(), reason: z.string() })),
});

const saveStageOutput = z.object({
  revision: z.number().int().positive(),
  words: z.number().int().min(0),
  sources: z.number().int().min(0),
});

/**
 * Runs (or resumes) the drafting pipeline of one story. Each stage's finished output is
 * stored before the next starts; a rerun reuses finished stages and redoes the one that was
 * cut off. The draft revision is written last, only when every stage succeeded, through the
 * newsroom's own `saveStory` against the revision the pipeline started from: a rerun after
 * a crash right after that save finds the same content and writes nothing, and an editor's
 * save in between wins over the pipeline (it stops and says so).
 */
export async function runPipeline(deps: PipelineDeps, articleId: number): Promise<PipelineOutcome> {
  const db = deps.newsroom.database.db;
  const clock = deps.newsroom.clock;
  await ensurePipeline(db, articleId, clock.now());
  const pipeline = await loadPipeline(db, articleId);
  if (pipeline?.state === "done" && pipeline.draft_revision !== null) {
    return { state: "done", revision: pipeline.draft_revision };
  }
  const story = await loadStory(db, articleId);
  if (!story) throw notFound("The story");
  const progress = (stage: string, state: ProgressEvent["state"], detail?: string) =>
    deps.onProgress?.({ articleId, stage, state, ...(detail ? { detail } : {}) });

  /** Reuses a finished stage or runs it, storing input, output and cost either way. */
  async function stage<T>(
    name: string,
    schema: z.ZodType<T>,
    template: string | null,
    input: unknown,
    work: (cost: StageCost) => Promise<T>,
  ): Promise<T> {
    const done = await doneStage(db, articleId, name);
    if (done?.output) {
      const reused = schema.safeParse(JSON.parse(done.output));
      if (reused.success) {
        progress(name, "reused");
        return reused.data;
      }
    }
    progress(name, "start");
    const runId = await startStage(db, articleId, name, template, input, clock.now());
    const cost: StageCost = { ...NO_COST };
    try {
      const output = await work(cost);
      await finishStage(db, articleId, runId, { state: "done", output }, cost, clock.now());
      progress(name, "done");
      return output;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishStage(
        db,
        articleId,
        runId,
        { state: "failed", error: message },
        cost,
        clock.now(),
      );
      progress(name, "failed", message);
      if (error instanceof StageStop) throw error;
      if (
        error instanceof LlmError ||
        error instanceof StageAnswerError ||
        error instanceof DraftInvalidError
      ) {
        throw new StageStop("failed", `${name} failed: ${message}`);
      }
      await setPipeline(
        db,
        articleId,
        { state: "failed", reason: `${name}: ${message}` },
        clock.now(),
      );
      throw error;
    }
  }

  try {
    const researched = await stage(
      "research",
      researchStageOutput,
      null,
      { articleId, topicId: story.topicId, hashtag: story.content.hashtag },
      async () => {
        const { sources, problems } = await deps.research.gather(articleId);
        const outlets = independentOutlets(sources);
        return {
          baseRevision: story.revision,
          mode: (outlets >= EXPLAINER_MIN_OUTLETS ? "explainer" : "brief") as DraftMode,
          outlets,
          sources: sources.map(({ text, ...meta }) => ({ ...meta, chars: text.length })),
          problems,
        };
      },
    );
    if (researched.sources.length === 0) {
      throw new StageStop(
        "stopped",
        "Research found no sources for this story, so nothing was drafted.",
      );
    }
    const mode = researched.mode;
    const modeNote =
      mode === "brief"
        ? `Data brief: only ${researched.outlets} independent outlet(s); an explainer needs ${EXPLAINER_MIN_OUTLETS}.`
        : null;
    await setPipeline(db, articleId, { state: "running", mode, reason: modeNote }, clock.now());
    if (!deps.provider) {
      throw new StageStop(
        "stopped",
        "No language model is configured (LLM_PROVIDER=none): research is done, drafting waits for a provider.",
      );
    }
    const stored = new Map((await deps.research.list(articleId)).map((s) => [s.id, s]));
    const bundle = researched.sources.map((meta) => {
      const source = stored.get(meta.id);
      if (!source) throw new Error(`source ${meta.id} of the bundle is missing`);
      return source;
    });
    const numberOf = new Map(bundle.map((s, i) => [s.id, i + 1]));
    const holders = await deps.officeHolders();
    const llm: StageLlm = {
      provider: deps.provider,
      context: promptContext(clock.now(), deps.newsroom.config.TIME_ZONE, holders),
      costOf: deps.costOf,
    };
    const hashtag = story.content.hashtag || story.content.headline;

    const translated = await stage(
      "translate",
      translation,
      TEMPLATES.translate,
      { hashtag },
      (cost) => translateStage(llm, hashtag, bundle, cost),
    );
    const topic = { hashtag, hashtagEn: story.content.hashtagEn || translated.hashtagEn };
    const facts = await stage(
      "facts",
      factList,
      TEMPLATES.facts,
      { topic, sourceIds: [...numberOf.keys()] },
      (cost) => factsStage(llm, topic, bundle, translated, cost),
    );
    const outline = await stage(
      "outline",
      outlineAnswer,
      TEMPLATES.outline,
      { topic, mode, facts: facts.facts.length },
      (cost) => outlineStage(llm, topic, mode, facts, cost),
    );
    const factById = new Map(facts.facts.map((f) => [f.id, f]));
    const shape = MODE_SHAPE[mode];
    const perSection = Math.round((shape.words * 0.85) / outline.sections.length);
    const sections: SectionAnswer[] = [];
    for (const [i, plan] of outline.sections.entries()) {
      const sectionFacts = plan.factIds.flatMap((id) => factById.get(id) ?? []);
      sections.push(
        await stage(
          `section:${i + 1}`,
          sectionAnswer,
          TEMPLATES.section,
          { heading: plan.heading, factIds: plan.factIds, targetWords: perSection },
          (cost) =>
            sectionStage(
              llm,
              {
                headline: outline.headline,
                heading: plan.heading,
                facts: sectionFacts,
                targetWords: perSection,
              },
              numberOf,
              cost,
            ),
        ),
      );
    }
    const usedFacts = outline.sections.flatMap((s) =>
      s.factIds.flatMap((id) => factById.get(id) ?? []),
    );
    const lead = await stage(
      "lead",
      leadAnswer,
      TEMPLATES.lead,
      { factIds: usedFacts.map((f) => f.id) },
      (cost) => leadStage(llm, { outline, facts: usedFacts }, numberOf, cost),
    );

    const saved = await stage(
      "save",
      saveStageOutput,
      null,
      { baseRevision: researched.baseRevision },
      async () => {
        const current = await loadStory(db, articleId);
        if (!current) throw notFound("The story");
        const content = assembleDraft(
          { mode, outline, lead, sections, hashtagEn: topic.hashtagEn, bundle },
          current.content,
        );
        const outcome = await saveStory(
          { deps: deps.newsroom, audit: PIPELINE_ACTOR },
          articleId,
          researched.baseRevision,
          content,
          "save",
        );
        if (outcome.kind === "conflict") {
          throw new StageStop(
            "stopped",
            `An editor saved revision ${outcome.current.revision} while the story was being drafted; the pipeline's draft was not saved (its stages are kept).`,
          );
        }
        return {
          revision: outcome.revision,
          words: wordCount(content),
          sources: content.sources.length,
        };
      },
    );
    await setPipeline(
      db,
      articleId,
      { state: "done", stage: "save", reason: modeNote, draftRevision: saved.revision },
      clock.now(),
    );
    progress("save", "done", `revision ${saved.revision}`);
    return { state: "done", revision: saved.revision };
  } catch (error) {
    if (!(error instanceof StageStop)) throw error;
    await setPipeline(db, articleId, { state: error.state, reason: error.reason }, clock.now());
    progress("pipeline", "stopped", error.reason);
    return { state: error.state, reason: error.reason };
  }
}

function wordCount(content: { lead: string; sections: { body: string }[] }): number {
  const text = [content.lead, ...content.sections.map((s) => s.body)].join(" ");
  return text
    .replace(/\[\d+\]/g, "")
    .split(/\s+/)
    .filter(Boolean).length;
}
