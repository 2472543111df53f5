import type { FC } from "hono/jsx";
import { toZonedIso } from "../../content/zoned-time.js";
import type { Session } from "../auth/session-store.js";
import { type Actor, can } from "../policy.js";
import type { QueueStory } from "../queue-queries.js";
import type { QueueTopic } from "../topic-queries.js";
import { AdminLayout, CsrfField } from "./admin-layout.js";

export interface QueueProps {
  siteName: string;
  session: Session | undefined;
  topics: QueueTopic[];
  stories: QueueStory[];
  users: { id: number; name: string }[];
  timeZone: string;
  flash?: string | undefined;
}

/** A small inline SVG line of the topic's recent heat (no script, no styles needed). */
export const Sparkline: FC<{ values: number[] }> = ({ values }) => {
  if (values.length < 2) return <span class="muted">–</span>;
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min || 1;
  const points = values
    .map(
      (v, i) =>
        `${((i / (values.length - 1)) * 80).toFixed(1)},${(18 - ((v - min) / span) * 16).toFixed(1)}`,
    )
    .join(" ");
  return (
    <svg
      class="spark"
      width="80"
      height="20"
      viewBox="0 0 80 20"
      role="img"
      aria-label={`heat from ${values[0]} to ${values.at(-1)}`}
    >
      <polyline points={points} />
    </svg>
  );
};

export function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

const STATES: { status: QueueStory["status"]; title: string }[] = [
  { status: "draft", title: "Drafts in progress" },
  { status: "scheduled", title: "Scheduled" },
  { status: "published", title: "Recently published" },
  { status: "unpublished", title: "Unpublished" },
];

/** Drafting progress under the headline; the stage page explains every step. */
const PipelineLine: FC<{ id: number; pipeline: NonNullable<QueueStory["pipeline"]> }> = ({
  id,
  pipeline,
}) => (
  <div class="pipeline-line">
    <small>
      <a href={`/admin/stories/${id}/pipeline`}>
        {pipeline.state === "done"
          ? "Drafted by the pipeline"
          : pipeline.state === "running" || pipeline.state === "queued"
            ? `Drafting: ${pipeline.stage}`
            : `Drafting ${pipeline.state} at ${pipeline.stage}`}
        {pipeline.mode === "brief" ? " (data brief)" : ""}
      </a>
      {pipeline.reason && pipeline.state !== "done" ? ` — ${pipeline.reason}` : ""}
    </small>
  </div>
);

const StoryTable: FC<{
  stories: QueueStory[];
  actor: Actor | null;
  csrf: string;
  users: QueueProps["users"];
  timeZone: string;
}> = (p) => (
  <table>
    <thead>
      <tr>
        <th>Story</th>
        <th>Owner</th>
        <th>Assigned to</th>
        <th>When ({p.timeZone})</th>
      </tr>
    </thead>
    <tbody>
      {p.stories.map((s) => {
        const resource = { ownerId: s.ownerId, assigneeId: s.assigneeId, status: s.status };
        const when = s.status === "draft" ? s.updatedAt : (s.publishedAt ?? s.updatedAt);
        return (
          <tr>
            <td>
              {can(p.actor, "story.view", resource) ? (
                <a href={`/admin/stories/${s.articleId}`}>{s.headline}</a>
              ) : (
                s.headline
              )}
              {s.pipeline ? <PipelineLine id={s.articleId} pipeline={s.pipeline} /> : null}
            </td>
            <td>{s.ownerName ?? "–"}</td>
            <td>
              {can(p.actor, "story.assign", resource) ? (
                <form method="post" action={`/admin/stories/${s.articleId}/assign`} class="inline">
                  <CsrfField token={p.csrf} />
                  <select name="assignee_id" aria-label={`Assign ${s.headline}`}>
                    <option value="0">nobody</option>
                    {p.users.map((u) => (
                      <option value={String(u.id)} selected={u.id === s.assigneeId}>
                        {u.name}
                      </option>
                    ))}
                  </select>{" "}
                  <button type="submit">Assign</button>
                </form>
              ) : (
                (s.assigneeName ?? "–")
              )}
            </td>
            <td>{toZonedIso(when, p.timeZone).slice(0, 16).replace("T", " ")}</td>
          </tr>
        );
      })}
    </tbody>
  </table>
);

/** The editors' home: what is trending, what is in progress, what is scheduled. */
export const QueuePage: FC<QueueProps> = (p) => {
  const user = p.session?.user;
  const actor = user ? { id: user.id, email: user.email, role: user.role } : null;
  const csrf = p.session?.csrfToken ?? "";
  return (
    <AdminLayout title="Queue" session={p.session} siteName={p.siteName} flash={p.flash}>
      <h2>Trending on Weibo now</h2>
      {p.topics.length === 0 ? (
        <p class="muted">
          No trending topics yet: the trend tracker has not stored a hot-search list.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Rank</th>
              <th>Topic</th>
              <th>Heat</th>
              <th>Curve</th>
              <th>On list</th>
              <th>Covered</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {p.topics.map((t) => (
              <tr>
                <td>{t.rank ?? "–"}</td>
                <td>
                  <span lang="zh-CN">{t.isHashtag ? `#${t.word}#` : t.word}</span>
                  {t.titleEn ? <div class="muted">{t.titleEn}</div> : null}{" "}
                  <span class="badge">{t.state}</span>
                </td>
                <td>{t.heat?.toLocaleString("en-GB") ?? "–"}</td>
                <td>
                  <Sparkline values={t.curve} />
                </td>
                <td>{duration(t.secondsOnList)}</td>
                <td>
                  {t.coveredBy.length === 0
                    ? "no"
                    : t.coveredBy.map((s) => (
                        <a href={`/admin/stories/${s.articleId}`} class={`badge ${s.status}`}>
                          {s.status}
                        </a>
                      ))}
                </td>
                <td>
                  {can(actor, "story.create") ? (
                    <a class="button" href={`/admin/stories/new?topic=${t.id}`}>
                      Start story
                    </a>
                  ) : null}{" "}
                  {can(actor, "story.create") ? (
                    // Served by research (src/research/web): gather sources and draft.
                    <form method="post" action={`/admin/topics/${t.id}/start`} class="inline">
                      <CsrfField token={csrf} />
                      <button type="submit">Research and draft</button>{" "}
                      <a href={`/admin/topics/${t.id}/start`}>with links…</a>
                    </form>
                  ) : null}{" "}
                  {can(actor, "topic.dismiss") ? (
                    <form method="post" action={`/admin/topics/${t.id}/dismiss`} class="inline">
                      <CsrfField token={csrf} />
                      <button type="submit">Dismiss</button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {STATES.map(({ status, title }) => {
        const stories = p.stories.filter((s) => s.status === status);
        return (
          <section aria-label={title}>
            <h2>
              {title} ({stories.length})
            </h2>
            {stories.length === 0 ? (
              <p class="muted">None.</p>
            ) : (
              <StoryTable
                stories={stories}
                actor={actor}
                csrf={csrf}
                users={p.users}
                timeZone={p.timeZone}
              />
            )}
          </section>
        );
      })}
    </AdminLayout>
  );
};
