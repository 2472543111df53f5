import { Hono } from "hono";
import type { Kysely } from "kysely";
import {
  createNameAlias,
  createNewsOutlet,
  createOfficeHolder,
  deleteReferenceRow,
  type ReferenceAuditHook,
  type ReferenceResult,
  type ReferenceTable,
  updateNameAlias,
  updateNewsOutlet,
  updateOfficeHolder,
} from "../../checks/reference-commands.js";
import { loadReferenceData } from "../../checks/reference-data.js";
import { notFound } from "../../core/errors.js";
import type { Tables } from "../../db/schema.js";
import { type AuditAction, recordAudit } from "../audit-log.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { can } from "../policy.js";
import { page, requires } from "./guard.js";
import {
  type KindDef,
  kindBySlug,
  ReferenceEditPage,
  ReferencePage,
  rowsOf,
  type Values,
} from "./reference-page.js";
import {
  actorOf,
  auditContext,
  formValue,
  type NewsroomContext,
  type NewsroomEnv,
} from "./request-context.js";

// Fixed notices by code, so the page never echoes text from the URL.
const NOTICES: Record<string, string> = {
  added: "Added. The next check uses it.",
  saved: "Saved. The next check uses it.",
  deleted: "Deleted. The next check no longer uses it.",
};

type Create = (
  db: Kysely<Tables>,
  input: unknown,
  audit: ReferenceAuditHook,
) => Promise<ReferenceResult>;
type Update = (
  db: Kysely<Tables>,
  id: number,
  input: unknown,
  audit: ReferenceAuditHook,
) => Promise<ReferenceResult>;

const COMMANDS: Record<ReferenceTable, { create: Create; update: Update }> = {
  office_holder: { create: createOfficeHolder, update: updateOfficeHolder },
  name_alias: { create: createNameAlias, update: updateNameAlias },
  news_outlet: { create: createNewsOutlet, update: updateNewsOutlet },
};

const rowId = (raw: string): number => {
  if (!/^\d{1,12}$/.test(raw)) throw notFound("That row");
  return Number(raw);
};

/** The submitted values of a kind's fields (missing fields as empty text). */
const formValues = (c: NewsroomContext, kind: KindDef): Values =>
  Object.fromEntries(kind.fields.map((f) => [f.name, formValue(c, f.name)]));

/**
 * /admin/reference: the office holders, name aliases and outlets the claim checks read.
 * Writers may read them; editors and admins add, edit and delete rows, each change audited
 * in the transaction that makes it.
 */
export function referenceRoutes(deps: NewsroomDeps) {
  const app = new Hono<NewsroomEnv>();
  const db = deps.database.db;

  const auditHook =
    (c: NewsroomContext): ReferenceAuditHook =>
    (trx, change) =>
      recordAudit(
        trx,
        auditContext(c),
        {
          action: `reference.${change.table}.${change.op}` as AuditAction,
          targetType: change.table,
          targetId: change.id,
          detail: {
            ...(change.before ? { before: change.before } : {}),
            ...(change.after ? { after: change.after } : {}),
          },
        },
        deps.clock.now(),
      );

  const listPage = async (
    c: NewsroomContext,
    extra: {
      flash?: string | undefined;
      failed?: { slug: string; values: Values; errors: Record<string, string> };
    } = {},
  ) =>
    page(
      c,
      <ReferencePage
        siteName={deps.config.SITE_NAME}
        session={c.get("session")}
        data={await loadReferenceData(db)}
        canManage={can(actorOf(c), "reference.manage")}
        flash={extra.failed ? "Nothing was added: fix the fields marked below." : extra.flash}
        failed={extra.failed}
      />,
      extra.failed ? 422 : 200,
    );

  const kindOf = (slug: string): KindDef => {
    const kind = kindBySlug(slug);
    if (!kind) throw notFound("That table");
    return kind;
  };

  app.get("/admin/reference", requires(deps, "reference.view"), async (c) => {
    return listPage(c, { flash: NOTICES[c.req.query("done") ?? ""] });
  });

  app.post("/admin/reference/:kind", requires(deps, "reference.manage"), async (c) => {
    const kind = kindOf(c.req.param("kind"));
    const values = formValues(c, kind);
    const result = await COMMANDS[kind.table].create(db, values, auditHook(c));
    if (result.ok) return c.redirect("/admin/reference?done=added", 303);
    if (result.notFound) throw notFound("That row");
    return listPage(c, { failed: { slug: kind.slug, values, errors: result.errors } });
  });

  app.get("/admin/reference/:kind/:id", requires(deps, "reference.manage"), async (c) => {
    const kind = kindOf(c.req.param("kind"));
    const id = rowId(c.req.param("id"));
    const row = rowsOf(await loadReferenceData(db), kind.table).find((r) => r.id === String(id));
    if (!row) throw notFound("That row");
    return page(
      c,
      <ReferenceEditPage
        siteName={deps.config.SITE_NAME}
        session={c.get("session")}
        kind={kind}
        id={id}
        values={row}
      />,
    );
  });

  app.post("/admin/reference/:kind/:id", requires(deps, "reference.manage"), async (c) => {
    const kind = kindOf(c.req.param("kind"));
    const id = rowId(c.req.param("id"));
    const values = formValues(c, kind);
    const result = await COMMANDS[kind.table].update(db, id, values, auditHook(c));
    if (result.ok) return c.redirect("/admin/reference?done=saved", 303);
    if (result.notFound) throw notFound("That row");
    return page(
      c,
      <ReferenceEditPage
        siteName={deps.config.SITE_NAME}
        session={c.get("session")}
        kind={kind}
        id={id}
        values={values}
        errors={result.errors}
      />,
      422,
    );
  });

  app.post("/admin/reference/:kind/:id/delete", requires(deps, "reference.manage"), async (c) => {
    const kind = kindOf(c.req.param("kind"));
    const deleted = await deleteReferenceRow(
      db,
      kind.table,
      rowId(c.req.param("id")),
      auditHook(c),
    );
    if (!deleted) throw notFound("That row");
    return c.redirect("/admin/reference?done=deleted", 303);
  });

  return app;
}
