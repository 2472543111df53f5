import type { FC } from "hono/jsx";
import type { StoredFlag } from "../../checks/flag-store.js";
import type { JudgeRun } from "../../checks/judge-store.js";
import { CsrfField } from "./admin-layout.js";
import { CheckedText } from "./checked-text.js";

const KIND_LABEL: Record<string, string> = {
  uncited: "No citation",
  number: "Figure",
  date: "Date",
  quote: "Quote",
  name: "Name",
  title: "Title",
  relative_date: "Relative date",
  ordinal: "First / superlative",
  attribution: "Attribution",
  freshness: "Freshness",
  structure: "Structure",
  entailment: "Support",
};

/** The LLM judge on the newest revision: no model configured, queued, or its stored run. */
export type JudgeState = { state: "off" } | { state: "pending" } | { state: "run"; run: JudgeRun };

const percent = (value: number | null) => (value === null ? "–" : `${Math.round(value * 100)}%`);

/** One line on the judge: its ALCE citation recall and precision, or why there are none. */
const JudgeSummary: FC<{ judge: JudgeState | undefined }> = ({ judge }) => {
  if (!judge || judge.state === "off") {
    return <p data-judge="off">The LLM judge is off (no model configured).</p>;
  }
  if (judge.state === "pending") {
    return <p data-judge="pending">The LLM judge has not checked this revision yet.</p>;
  }
  const r = judge.run;
  if (r.status !== "done") {
    return (
      <p data-judge="failed">
        The LLM judge could not check this revision ({r.provider} {r.model}): {r.reason}
      </p>
    );
  }
  return (
    <p data-judge="done">
      LLM judge ({r.provider} {r.model}): citation recall{" "}
      <strong data-judge-recall>{percent(r.citation_recall)}</strong> ({r.supported} of{" "}
      {r.sentences} sentences supported), citation precision{" "}
      <strong data-judge-precision>{percent(r.citation_precision)}</strong> ({r.precise_citations}{" "}
      of {r.citations} citations); {r.unsupported} unsupported, {r.partial} partly supported.
    </p>
  );
};

/**
 * The claim checks of the newest revision, each beside the sentence it is about, with the
 * source passage looked at. An open flag is resolved by a save that no longer raises it, or
 * by an override whose reason is required and audited. Open errors block publishing.
 */
export const CheckPanel: FC<{
  articleId: number;
  flags: StoredFlag[];
  judge?: JudgeState | undefined;
  /** The revision's text as the checks read it (lead, then `## ` sections). */
  body?: string | undefined;
  canResolve: boolean;
  csrf: string;
}> = (p) => {
  const open = p.flags.filter((f) => f.status === "open");
  const blocking = open.filter((f) => f.severity === "error").length;
  return (
    <section class="panel checks" aria-labelledby="checks-title" data-checks>
      <h2 id="checks-title">Claim checks</h2>
      <p data-checks-summary>
        {p.flags.length === 0
          ? "No flags on this revision."
          : `${open.length} open of ${p.flags.length}; ${blocking} error${blocking === 1 ? "" : "s"} block publishing.`}
      </p>
      <JudgeSummary judge={p.judge} />
      {p.body && p.flags.length > 0 ? (
        <details open>
          <summary>Flags in the text</summary>
          <CheckedText body={p.body} flags={p.flags} />
        </details>
      ) : null}
      <ol class="check-flags">
        {p.flags.map((f) => (
          <li
            id={`flag-${f.id}`}
            class={`check-flag ${f.severity} ${f.status}`}
            data-flag={f.id}
            data-flag-status={f.status}
          >
            <p>
              <span class={`badge ${f.severity}`}>{f.severity}</span> {KIND_LABEL[f.kind] ?? f.kind}{" "}
              · <span class="muted">{f.status}</span>
            </p>
            {f.sentence ? <blockquote data-flag-sentence>{f.sentence}</blockquote> : null}
            <p data-flag-message>{f.message}</p>
            {f.evidence ? (
              <details>
                <summary>Source passage looked at</summary>
                <p class="muted">{f.evidence}</p>
              </details>
            ) : null}
            {f.status === "overridden" ? (
              <p class="muted">
                Overridden by {f.resolver_label}: {f.resolution_reason}
              </p>
            ) : null}
            {f.status === "open" && p.canResolve ? (
              <form method="post" action={`/admin/stories/${p.articleId}/flags/${f.id}/override`}>
                <CsrfField token={p.csrf} />
                <label for={`override-${f.id}`}>Override because…</label>
                <textarea
                  id={`override-${f.id}`}
                  name="reason"
                  required
                  minlength={10}
                  maxlength={500}
                />
                <button type="submit">Override</button>
              </form>
            ) : null}
          </li>
        ))}
      </ol>
      {p.flags.some((f) => f.kind === "title" || f.kind === "name") ? (
        <p class="muted">
          Titles and names are judged against the <a href="/admin/reference">reference data</a>; an
          outdated row there is fixed once, for every story.
        </p>
      ) : null}
    </section>
  );
};
