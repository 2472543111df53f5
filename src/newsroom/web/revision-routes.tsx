import { Hono } from "hono";
import { restoreRevision } from "../commands/story-commands.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { contentAsText } from "../story-content.js";
import { listRevisions, revisionContent } from "../story-queries.js";
import { diffLines } from "../text-diff.js";
import { AdminLayout, CsrfField } from "./admin-layout.js";
import { DiffView } from "./diff-view.js";
import { page } from "./guard.js";
import { notice, withNotice } from "./notices.js";
import type { NewsroomEnv } from "./request-context.js";
import { commandContext, intField, storyFor } from "./story-guard.js";

/** Revision history: who saved when, diffs between any two, and restore. */
export function revisionRoutes(deps: NewsroomDeps) {
  const app = new Hono<NewsroomEnv>();
  const db = deps.database.db;

  app.get("/admin/stories/:id{[0-9]+}/revisions", async (c) => {
    const found = await storyFor(c, deps, "story.view");
    if ("response" in found) return found.response;
    const { story } = found;
    const revisions = await listRevisions(db, story.articleId);
    const newest = revisions[0]?.number ?? 0;
    const to = Number(c.req.query("to") ?? newest);
    const from = Number(c.req.query("from") ?? Math.max(1, to - 1));
    const [a, b] = await Promise.all([
      revisionContent(db, story.articleId, from),
      revisionContent(db, story.articleId, to),
    ]);
    const diff = a && b ? diffLines(contentAsText(a), contentAsText(b)) : undefined;
    const csrf = c.get("session")?.csrfToken ?? "";
    const base = `/admin/stories/${story.articleId}`;
    return page(
      c,
      <AdminLayout
        title={`Revisions: ${story.content.headline}`}
        session={c.get("session")}
        siteName={deps.config.SITE_NAME}
        flash={notice(c.req.query("done"))}
      >
        <p>
          <a href={base}>Back to the editor</a>
        </p>
        <form method="get" action={`${base}/revisions`} class="actions">
          <label>
            Compare revision <input type="number" name="from" min="1" value={String(from)} />
          </label>
          <label>
            with <input type="number" name="to" min="1" value={String(to)} />
          </label>
          <button type="submit">Show differences</button>
        </form>
        {diff ? (
          <>
            <h2>
              Revision {from} → {to}
            </h2>
            <DiffView lines={diff} />
          </>
        ) : (
          <p class="muted">Pick two revisions that exist.</p>
        )}
        <h2>History</h2>
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>When (UTC)</th>
              <th>Who</th>
              <th>Kind</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr>
                <td>{r.number}</td>
                <td>{r.createdAt.replace("T", " ").slice(0, 19)}</td>
                <td>{r.authorLabel}</td>
                <td>{r.kind}</td>
                <td>
                  {r.number === newest ? (
                    <span class="muted">current</span>
                  ) : (
                    <form method="post" action={`${base}/restore`} class="inline">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="number" value={String(r.number)} />
                      <input type="hidden" name="base_revision" value={String(newest)} />
                      <button type="submit">Restore</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </AdminLayout>,
    );
  });

  app.post("/admin/stories/:id{[0-9]+}/restore", async (c) => {
    const found = await storyFor(c, deps, "story.edit");
    if ("response" in found) return found.response;
    const number = intField(c, "number") ?? 0;
    const outcome = await restoreRevision(
      commandContext(c, deps),
      found.story.articleId,
      number,
      intField(c, "base_revision") ?? -1,
    );
    const base = `/admin/stories/${found.story.articleId}`;
    if (outcome.kind === "conflict") {
      return c.redirect(withNotice(`${base}/revisions`, "restore-conflict"), 303);
    }
    return c.redirect(withNotice(base, "restored"), 303);
  });
  return app;
}
