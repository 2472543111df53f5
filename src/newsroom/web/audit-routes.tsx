import { Hono } from "hono";
import { listAudit } from "../audit-log.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { AdminLayout } from "./admin-layout.js";
import { page, requires } from "./guard.js";
import type { NewsroomEnv } from "./request-context.js";

/** Admin-only, read-only view of the append-only audit log, newest first. */
export function auditRoutes(deps: NewsroomDeps) {
  const app = new Hono<NewsroomEnv>();
  const db = deps.database.db;
  const siteName = deps.config.SITE_NAME;

  app.get("/admin/audit", requires(deps, "audit.view"), async (c) => {
    const before = Number(c.req.query("before") ?? "");
    const action = (c.req.query("action") ?? "").replace(/[^a-z.]/g, "").slice(0, 40);
    const rows = await listAudit(db, {
      limit: 100,
      ...(action ? { action } : {}),
      ...(Number.isInteger(before) && before > 0 ? { before } : {}),
    });
    const last = rows.at(-1);
    return page(
      c,
      <AdminLayout title="Audit log" session={c.get("session")} siteName={siteName}>
        <form method="get" action="/admin/audit" class="actions">
          <label>
            Action starts with <input name="action" value={action} />
          </label>
          <button type="submit">Filter</button>
        </form>
        <table>
          <thead>
            <tr>
              <th>When (UTC)</th>
              <th>Who</th>
              <th>What</th>
              <th>Target</th>
              <th>Detail</th>
              <th>From</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.at.replace("T", " ").slice(0, 19)}</td>
                <td>{r.actorLabel}</td>
                <td>{r.action}</td>
                <td>{r.targetType ? `${r.targetType} ${r.targetId}` : ""}</td>
                <td>
                  <code>{r.detail === "{}" ? "" : r.detail}</code>
                </td>
                <td>{r.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {last && rows.length === 100 ? (
          <a href={`/admin/audit?before=${last.id}&action=${action}`}>Older</a>
        ) : null}
      </AdminLayout>,
    );
  });
  return app;
}
