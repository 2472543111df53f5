import { Hono } from "hono";
import { listFlags } from "../../checks/flag-store.js";
import { loadJudgeRun } from "../../checks/judge-store.js";
import { uploadedPictureView } from "../../media/article-pictures.js";
import { loadPictures } from "../../media/picture-store.js";
import { newToken } from "../auth/session-store.js";
import {
  editLeadPictureText,
  type PictureText,
  pictureTextSchema,
  removeLeadPicture,
  setLeadPicture,
} from "../commands/picture-commands.js";
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
    status: 200 | 409 | 413 | 422 = 200,
    pictureInput?: { values: PictureText; errors: Record<string, string> },
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
        picture={
          props.story ? await picturePanelOf(props.story.articleId, pictureInput) : undefined
        }
        {...props}
      />,
      status,
    );

  const picturePanelOf = async (
    articleId: number,
    input?: { values: PictureText; errors: Record<string, string> },
  ) => {
    const stored = (await loadPictures(db, [articleId])).get(articleId);
    return {
      picture: stored ? uploadedPictureView(stored) : undefined,
      values: input?.values,
      errors: input?.errors,
      maxMegabytes: Math.floor(deps.config.MEDIA_MAX_UPLOAD_BYTES / 1e6),
    };
  };

  // Lead picture: a new file replaces the picture; without one, the words are edited.
  app.post("/admin/stories/:id{[0-9]+}/picture", async (c) => {
    const found = await storyFor(c, deps, "story.edit");
    if ("response" in found) return found.response;
    const { story } = found;
    const values = {
      alt: formValue(c, "alt"),
      caption: formValue(c, "caption"),
      credit: formValue(c, "credit"),
    };
    const again = (errors: Record<string, string>, status: 413 | 422, flash: string) =>
      editor(
        c,
        {
          story,
          form: formFromContent(story.content),
          baseRevision: story.revision,
          flash,
          flashKind: "error",
        },
        status,
        { values, errors },
      );
    const text = pictureTextSchema.safeParse(values);
    if (!text.success) {
      const errors = Object.fromEntries(
        text.error.issues.map((i) => [String(i.path[0] ?? "alt"), i.message]),
      );
      return again(errors, 422, "Picture not saved: fix the marked fields.");
    }
    // The session middleware keeps only text fields; the parsed body (cached) has the file.
    const { file } = await c.req.parseBody();
    const command = commandContext(c, deps);
    if (file instanceof File && file.size > 0) {
      const outcome = await setLeadPicture(
        command,
        story.articleId,
        Buffer.from(await file.arrayBuffer()),
        text.data,
      );
      if (outcome.kind === "refused") {
        const status = outcome.refusal.reason === "too_large" ? 413 : 422;
        return again({ file: outcome.refusal.message }, status, "Picture not saved.");
      }
    } else if (!(await editLeadPictureText(command, story.articleId, text.data))) {
      return again({ file: "Choose an image file to upload." }, 422, "Picture not saved.");
    }
    return c.redirect(withNotice(`/admin/stories/${story.articleId}`, "picture-saved"), 303);
  });

  app.post("/admin/stories/:id{[0-9]+}/picture/remove", async (c) => {
    const found = await storyFor(c, deps, "story.edit");
    if ("response" in found) return found.response;
    await removeLeadPicture(commandContext(c, deps), found.story.articleId);
    return c.redirect(
      withNotice(`/admin/stories/${found.story.articleId}`, "picture-removed"),
      303,
    );
  });

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
