import { Hono } from "hono";
import { listFlags } from "../../checks/flag-store.js";
import { loadJudgeRun } from "../../checks/judge-store.js";
import { newToken } from "../auth/session-store.js";
import { createStory, saveStory } from "../commands/story-commands.js";
import { judgeEnabled } from "../judge-job.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { loadSettings } from "../settings.js";
import { contentAsText, contentFromForm, EMPTY_FORM, formFromContent } from "../story-content.js";
import type { StoryRecord } from "../story-queries.js";
import { loadStory } from "../story-queries.js";
import { diffLines } from "../text-diff.js";
import { topicStart } from "../topic-queries.js";
import type { JudgeState } from "./check-panel.js";
import { duplicateCreate } from "./double-submit.js";
import { EditorPage, type EditorProps } from "./editor-page.js";
import { page, requires } from "./guard.js";
import { notice, withNotice } from "./notices.js";
import type { NewsroomContext, NewsroomEnv } from "./request-context.js";
import { formValue } from "./request-context.js";
import { categoryNames, commandContext, intField, postedForm, storyFor } from "./story-guard.js";

/** What the claim-checks panel says about the LLM judge on the story's newest revision. */
async function judgeStateOf(deps: NewsroomDeps, story: StoryRecord): Promise<JudgeState> {
  if (!judgeEnabled(deps.config)) return { state: "off" };
  const run = await loadJudgeRun(deps.database.db, story.articleId, story.revision);
  return run ? { state: "run", run } : { state: "pending" };
}

/** Create and edit stories: validate → authorize → command → present. */
export function storyRoutes(deps: NewsroomDeps) {
  const app = new Hono<NewsroomEnv>();
  const db = deps.database.db;
  const editor = async (
    c: NewsroomContext,
    props: Omit<
      EditorProps,
      "siteName" | "session" | "categories" | "timeZone" | "autosaveSeconds" | "flags" | "judge"
    >,
    status: 200 | 409 | 422 = 200,
  ) =>
    page(
      c,
      <EditorPage
        siteName={deps.config.SITE_NAME}
        session={c.get("session")}
        categories={await categoryNames(deps)}
        timeZone={deps.config.TIME_ZONE}
        autosaveSeconds={(await loadSettings(db))["editor.autosave_seconds"]}
        flags={props.story ? await listFlags(db, props.story.articleId) : []}
        judge={props.story ? await judgeStateOf(deps, props.story) : undefined}
        {...props}
      />,
      status,
    );

  app.get("/admin/stories/new", requires(deps, "story.create"), async (c) => {
    const topicId = Number(c.req.query("topic") ?? "");
    const start =
      Number.isSafeInteger(topicId) && topicId > 0 ? await topicStart(db, topicId) : undefined;
    const form = {
      ...EMPTY_FORM,
      category: (await categoryNames(deps))[0] ?? "",
      ...(start?.form ?? {}),
    };
    return editor(c, {
      form,
      baseRevision: 0,
      topicId: start ? topicId : undefined,
      formKey: newToken(),
    });
  });

  app.post("/admin/stories", requires(deps, "story.create"), async (c) => {
    const form = postedForm(c);
    const topicId = intField(c, "topic_id");
    const parsed = contentFromForm(form);
    if (!parsed.ok) {
      const formKey = formValue(c, "form_key") || newToken();
      return editor(c, { form, errors: parsed.errors, baseRevision: 0, topicId, formKey }, 422);
    }
    const duplicate = await duplicateCreate(c, deps, parsed.content.headline);
    if (duplicate) return duplicate;
    const created = await createStory(
      commandContext(c, deps),
      parsed.content,
      topicId ? { topicId } : {},
    );
    return c.redirect(withNotice(`/admin/stories/${created.articleId}`, "created"), 303);
  });

  app.get("/admin/stories/:id{[0-9]+}", async (c) => {
    const found = await storyFor(c, deps, "story.view");
    if ("response" in found) return found.response;
    const { story } = found;
    const flash = notice(c.req.query("done"));
    return editor(c, {
      story,
      form: formFromContent(story.content),
      baseRevision: story.revision,
      flash,
    });
  });

  app.post("/admin/stories/:id{[0-9]+}", async (c) => {
    const found = await storyFor(c, deps, "story.edit");
    if ("response" in found) return found.response;
    const { story } = found;
    const form = postedForm(c);
    const base = intField(c, "base_revision") ?? -1;
    const parsed = contentFromForm(form, story.content.sources);
    if (!parsed.ok)
      return editor(c, { story, form, errors: parsed.errors, baseRevision: base }, 422);
    const outcome = await saveStory(commandContext(c, deps), story.articleId, base, parsed.content);
    if (outcome.kind === "conflict") {
      const diff = diffLines(contentAsText(outcome.current.content), contentAsText(parsed.content));
      return editor(
        c,
        {
          story: outcome.current,
          form,
          baseRevision: outcome.current.revision,
          conflict: { revision: outcome.current.revision, diff },
          flash: "Not saved: this story changed while you were editing.",
          flashKind: "error",
        },
        409,
      );
    }
    return c.redirect(withNotice(`/admin/stories/${story.articleId}`, "saved"), 303);
  });

  app.post("/admin/stories/:id{[0-9]+}/autosave", async (c) => {
    const found = await storyFor(c, deps, "story.edit");
    if ("response" in found)
      return c.json({ error: { id: "forbidden", message: "Sign in again to keep saving" } }, 403);
    const parsed = contentFromForm(postedForm(c), found.story.content.sources);
    if (!parsed.ok)
      return c.json(
        {
          error: {
            id: "validation_failed",
            message: "Not autosaved: fix the marked fields",
            fields: parsed.errors,
          },
        },
        422,
      );
    const outcome = await saveStory(
      commandContext(c, deps),
      found.story.articleId,
      intField(c, "base_revision") ?? -1,
      parsed.content,
      "autosave",
    );
    if (outcome.kind === "conflict") {
      return c.json(
        {
          error: {
            id: "conflict",
            message: `Not autosaved: someone saved revision ${outcome.current.revision}. Save to see the differences.`,
          },
        },
        409,
      );
    }
    return c.json({ revision: outcome.revision, changed: outcome.changed });
  });

  app.get("/admin/stories/:id{[0-9]+}/latest", async (c) => {
    const found = await storyFor(c, deps, "story.view");
    if ("response" in found) return found.response;
    const story = await loadStory(db, found.story.articleId);
    return c.json({ revision: story?.revision ?? 0, status: story?.status });
  });
  return app;
}
