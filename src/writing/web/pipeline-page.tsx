import type { FC } from "hono/jsx";
import type { StoryContent } from "../../newsroom/story-content.js";
import type { StageRow } from "../stage-store.js";

export interface PipelineView {
  articleId: number;
  headline: string;
  pipeline: {
    state: string;
    stage: string;
    mode: string | null;
    reason: string | null;
    provider: string | null;
    model: string | null;
    llmCalls: number;
    promptTokens: number;
    completionTokens: number;
    costUsd: number;
    draftRevision: number | null;
  } | null;
  sources: StoryContent["sources"];
  facts: { id: number; text: string; sourceIds: number[] }[];
  stages: StageRow[];
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * Why the draft says what it says: the pipeline's state, the cited sources in citation
 * order, the extracted facts with their source ids, then every stage run with its prompt
 * template, input, output, tokens and time. Everything is text; hono/jsx escapes it.
 */
export const PipelinePanel: FC<PipelineView> = (v) => (
  <>
    <p>
      <a href={`/admin/stories/${v.articleId}`}>Back to the editor</a>
    </p>
    {v.pipeline ? (
      <dl class="pipeline-summary">
        <dt>State</dt>
        <dd>
          {v.pipeline.state} (stage: {v.pipeline.stage})
        </dd>
        {v.pipeline.mode ? (
          <>
            <dt>Format</dt>
            <dd>{v.pipeline.mode === "brief" ? "data brief" : "explainer"}</dd>
          </>
        ) : null}
        {v.pipeline.reason ? (
          <>
            <dt>Note</dt>
            <dd>{v.pipeline.reason}</dd>
          </>
        ) : null}
        <dt>Model</dt>
        <dd>
          {v.pipeline.provider ? `${v.pipeline.provider} / ${v.pipeline.model ?? "?"}` : "none yet"}
        </dd>
        <dt>Usage</dt>
        <dd>
          {v.pipeline.llmCalls} calls, {v.pipeline.promptTokens.toLocaleString("en-GB")} prompt +{" "}
          {v.pipeline.completionTokens.toLocaleString("en-GB")} completion tokens, $
          {v.pipeline.costUsd.toFixed(4)}
        </dd>
        {v.pipeline.draftRevision ? (
          <>
            <dt>Draft</dt>
            <dd>revision {v.pipeline.draftRevision}</dd>
          </>
        ) : null}
      </dl>
    ) : (
      <p>This story was not drafted by the pipeline.</p>
    )}
    <h2>Sources (citation order)</h2>
    {v.sources.length === 0 ? (
      <p>None.</p>
    ) : (
      <ol>
        {v.sources.map((s) => (
          <li>
            [{s.outlet ?? "?"}] <a href={s.url}>{s.title || s.url}</a>
            {s.publishedAt ? ` — ${s.publishedAt}` : ""}
            {s.sourceId ? ` (source ${s.sourceId})` : ""}
          </li>
        ))}
      </ol>
    )}
    <h2>Facts</h2>
    {v.facts.length === 0 ? (
      <p>None extracted yet.</p>
    ) : (
      <ol>
        {v.facts.map((f) => (
          <li value={String(f.id)}>
            {f.text} <small>(sources {f.sourceIds.join(", ")})</small>
          </li>
        ))}
      </ol>
    )}
    <h2>Stages</h2>
    {v.stages.map((s) => (
      <section class="stage">
        <h3>
          {s.stage}: {s.state}
        </h3>
        <p>
          {s.template ? `prompt ${s.template}; ` : ""}
          {s.provider ? `${s.provider} / ${s.model ?? "?"}; ` : ""}
          {s.attempts} calls, {s.promptTokens + s.completionTokens} tokens, {s.elapsedMs} ms;
          started {s.startedAt}
        </p>
        {s.error ? <p class="error">{s.error}</p> : null}
        <details>
          <summary>Input</summary>
          <pre>{json(s.input)}</pre>
        </details>
        {s.output !== null ? (
          <details>
            <summary>Output</summary>
            <pre>{json(s.output)}</pre>
          </details>
        ) : null}
      </section>
    ))}
  </>
);
