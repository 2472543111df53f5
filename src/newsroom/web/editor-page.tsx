import type { FC } from "hono/jsx";
import type { StoredFlag } from "../../checks/flag-store.js";
import { urls } from "../../web/urls.js";
import type { Session } from "../auth/session-store.js";
import { can } from "../policy.js";
import { storyBody } from "../story-checks.js";
import type { StoryForm } from "../story-content.js";
import { resourceOf, type StoryRecord } from "../story-queries.js";
import type { DiffLine } from "../text-diff.js";
import { AdminLayout, CsrfField, Field, FieldError } from "./admin-layout.js";
import { CheckPanel, type JudgeState } from "./check-panel.js";
import { DiffView } from "./diff-view.js";
import { PublishPanel } from "./publish-panel.js";

export interface EditorProps {
  siteName: string;
  session: Session | undefined;
  categories: string[];
  form: StoryForm;
  errors?: Record<string, string> | undefined;
  /** Undefined for a new story. */
  story?: StoryRecord | undefined;
  baseRevision: number;
  topicId?: number | undefined;
  /** One-time key of a new-story form, so a double submit creates one draft. */
  formKey?: string | undefined;
  conflict?: { revision: number; diff: DiffLine[] } | undefined;
  flash?: string | undefined;
  flashKind?: "ok" | "error";
  timeZone: string;
  /** Seconds between autosaves (an admin setting). */
  autosaveSeconds: number;
  /** Claim-check flags of the newest revision. */
  flags?: StoredFlag[] | undefined;
  /** The LLM judge on the newest revision: off, not run yet, or its run. */
  judge?: JudgeState | undefined;
}

const Area: FC<{
  name: keyof StoryForm;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string;
  tall?: boolean;
  maxlength: number;
}> = (p) => (
  <div class={p.error ? "field invalid" : "field"}>
    <label for={`f-${p.name}`}>{p.label}</label>
    {p.hint ? <small>{p.hint}</small> : null}
    <textarea
      id={`f-${p.name}`}
      name={p.name}
      class={p.tall ? "tall" : undefined}
      maxlength={p.maxlength}
      aria-invalid={p.error ? "true" : undefined}
      aria-describedby={p.error ? `f-${p.name}-error` : undefined}
    >
      {p.value}
    </textarea>
    <FieldError name={p.name} error={p.error} />
  </div>
);

/** The story editor: every field with its problem beside it; works without JavaScript. */
export const EditorPage: FC<EditorProps> = (p) => {
  const e = p.errors ?? {};
  const story = p.story;
  const action = story ? `/admin/stories/${story.articleId}` : "/admin/stories";
  const title = story ? `Edit: ${p.form.headline || story.content.headline}` : "New story";
  const user = p.session?.user;
  const actor = user ? { id: user.id, email: user.email, role: user.role } : null;
  const readOnly = story !== undefined && !can(actor, "story.edit", resourceOf(story));
  return (
    <AdminLayout
      title={title}
      session={p.session}
      siteName={p.siteName}
      flash={p.flash}
      flashKind={p.flashKind ?? "ok"}
    >
      {Object.keys(e).length > 0 ? (
        <p class="flash error" role="alert">
          Some fields need attention; nothing was saved. Problems are shown beside each field.
        </p>
      ) : null}
      {p.conflict ? (
        <section class="panel conflict" aria-labelledby="conflict-title">
          <h2 id="conflict-title">Someone else saved this story while you were editing</h2>
          <p>
            Revision {p.conflict.revision} was saved after the version you started from. Your text
            was
            <strong> not saved</strong> and is kept in the form below. Lines marked − are in their
            version only, + in yours only. Save again to make your text the newest revision.
          </p>
          <DiffView lines={p.conflict.diff} />
        </section>
      ) : null}
      <div class="editor">
        <form
          method="post"
          action={action}
          data-autosave={story && !readOnly ? `${action}/autosave` : undefined}
          data-autosave-seconds={String(p.autosaveSeconds)}
          id="story-form"
        >
          <CsrfField token={p.session?.csrfToken ?? ""} />
          <input type="hidden" name="base_revision" value={String(p.baseRevision)} />
          {p.topicId ? <input type="hidden" name="topic_id" value={String(p.topicId)} /> : null}
          {p.formKey ? <input type="hidden" name="form_key" value={p.formKey} /> : null}
          <Field
            name="headline"
            label="Headline"
            value={p.form.headline}
            error={e.headline}
            required
            maxlength={200}
          />
          <Field
            name="dek"
            label="Dek (standfirst)"
            value={p.form.dek}
            error={e.dek}
            maxlength={400}
          />
          <div class="grid2">
            <div class={e.category ? "field invalid" : "field"}>
              <label for="f-category">Category</label>
              <select id="f-category" name="category">
                {p.categories.map((name) => (
                  <option value={name} selected={name === p.form.category}>
                    {name}
                  </option>
                ))}
              </select>
              <FieldError name="category" error={e.category} />
            </div>
            <Field
              name="byline"
              label="Byline"
              value={p.form.byline}
              error={e.byline}
              hint="Empty for the desk byline."
              maxlength={80}
            />
            <Field
              name="hashtag"
              label="Weibo hashtag"
              value={p.form.hashtag}
              error={e.hashtag}
              hint="As posted, e.g. #话题#"
              maxlength={102}
            />
            <Field
              name="hashtagEn"
              label="Hashtag in English"
              value={p.form.hashtagEn}
              error={e.hashtagEn}
              maxlength={200}
            />
          </div>
          <Field
            name="tags"
            label="Tags"
            value={p.form.tags}
            error={e.tags}
            hint="Comma separated."
          />
          <Area
            name="lead"
            label="Lead (Markdown)"
            value={p.form.lead}
            error={e.lead}
            maxlength={20000}
          />
          <Area
            name="sections"
            label="Sections (Markdown)"
            value={p.form.sections}
            error={e.sections}
            hint="Start each section with a line “## Heading”."
            tall
            maxlength={200000}
          />
          <Area
            name="sources"
            label="Sources and citations"
            value={p.form.sources}
            error={e.sources}
            hint="One per line: URL, then an optional title."
            maxlength={100000}
          />
          <div class="actions">
            {readOnly ? (
              <span class="muted">
                Read only: your role may not change this story now (writers edit drafts only).
              </span>
            ) : (
              <button type="submit" class="primary">
                {story ? "Save" : "Create draft"}
              </button>
            )}
            <button
              type="submit"
              formaction={story ? `${action}/preview` : "/admin/stories/preview"}
              formtarget="_blank"
            >
              Preview
            </button>
            <span class="autosave-status" data-autosave-status aria-live="polite" />
          </div>
        </form>
        <aside>
          {story ? (
            <>
              <div class="panel">
                <p>
                  <span class={`badge ${story.status}`}>{story.status}</span> · revision{" "}
                  {story.revision}
                </p>
                <p class="muted">/news/{story.slug}</p>
                {story.status === "published" ? (
                  <a href={urls.article(story.slug)}>View on the site</a>
                ) : null}
                <p>
                  <a href={`${action}/revisions`}>Revisions and diffs</a>
                </p>
              </div>
              <CheckPanel
                articleId={story.articleId}
                flags={p.flags ?? []}
                judge={p.judge}
                body={storyBody(story.content)}
                canResolve={can(actor, "checks.resolve", resourceOf(story))}
                csrf={p.session?.csrfToken ?? ""}
              />
              {can(actor, "story.publish", resourceOf(story)) ? (
                <PublishPanel
                  story={story}
                  csrf={p.session?.csrfToken ?? ""}
                  timeZone={p.timeZone}
                />
              ) : null}
            </>
          ) : null}
        </aside>
      </div>
      <details
        class="panel live-preview"
        data-live-preview={story ? `${action}/preview` : "/admin/stories/preview"}
      >
        <summary>Live preview (the public article page, updated as you type)</summary>
        <iframe title="Live preview" sandbox="allow-same-origin" data-preview-frame />
      </details>
    </AdminLayout>
  );
};
