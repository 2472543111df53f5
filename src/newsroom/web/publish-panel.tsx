import type { FC } from "hono/jsx";
import { toZonedIso } from "../../content/zoned-time.js";
import type { StoryRecord } from "../story-queries.js";
import { CsrfField } from "./admin-layout.js";

/** Publish now, schedule, unpublish and correct: each its own small form. */
export const PublishPanel: FC<{ story: StoryRecord; csrf: string; timeZone: string }> = ({
  story,
  csrf,
  timeZone,
}) => {
  const base = `/admin/stories/${story.articleId}`;
  const live = story.status === "published";
  return (
    <div class="panel">
      <h2>Publishing</h2>
      {story.status === "scheduled" && story.publishedAt ? (
        <p>
          Scheduled for{" "}
          <time datetime={story.publishedAt}>
            {toZonedIso(story.publishedAt, timeZone).slice(0, 16).replace("T", " ")}
          </time>{" "}
          ({timeZone})
        </p>
      ) : null}
      {live ? null : (
        <form method="post" action={`${base}/publish`}>
          <CsrfField token={csrf} />
          <button type="submit" class="primary">
            Publish now
          </button>
        </form>
      )}
      {live ? null : (
        <form method="post" action={`${base}/schedule`}>
          <CsrfField token={csrf} />
          <div class="field">
            <label for="f-publish_at">Publish at ({timeZone})</label>
            <input id="f-publish_at" type="datetime-local" name="publish_at" required />
          </div>
          <button type="submit">Schedule</button>
        </form>
      )}
      {story.status === "published" || story.status === "scheduled" ? (
        <form method="post" action={`${base}/unpublish`}>
          <CsrfField token={csrf} />
          <p class="muted">
            {live
              ? "Takes the article down; its page then answers 410 Gone."
              : "Cancels the schedule."}
          </p>
          <button type="submit">{live ? "Unpublish" : "Cancel schedule"}</button>
        </form>
      ) : null}
      {live ? (
        <form method="post" action={`${base}/corrections`}>
          <CsrfField token={csrf} />
          <div class="field">
            <label for="f-correction">Correction note</label>
            <textarea id="f-correction" name="text" maxlength={2000} required />
          </div>
          <button type="submit">Add correction</button>
        </form>
      ) : null}
    </div>
  );
};
