import type { Hono } from "hono";
import { z } from "zod";
import { listAudit } from "../audit-log.js";
import { createUser, listUsers, resetPassword, updateUser } from "../commands/user-commands.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { type ApiEnv, apiAudit, apiRequires, body } from "./api-kit.js";

const role = z.enum(["admin", "editor", "writer"]);
const newUser = z
  .object({ email: z.string(), displayName: z.string(), role, password: z.string() })
  .strict();
const userChange = z.object({ role: role.optional(), disabled: z.boolean().optional() }).strict();
const passwordReset = z.object({ password: z.string() }).strict();

/** Admin-only API: users and the audit log. Registered on the API app after its auth. */
export function adminApiRoutes(app: Hono<ApiEnv>, deps: NewsroomDeps): void {
  const db = deps.database.db;
  const now = () => deps.clock.now();
  const userId = (raw: string) => Number(raw);

  app.get("/api/v1/users", apiRequires(deps, "users.manage"), async (c) => {
    return c.json({ users: await listUsers(db) });
  });

  app.post("/api/v1/users", apiRequires(deps, "users.manage"), async (c) => {
    const input = await body(c, newUser);
    const user = await createUser(db, input, apiAudit(c), now(), deps.passwordCost);
    return c.json({ user }, 201);
  });

  app.patch("/api/v1/users/:id{[0-9]+}", apiRequires(deps, "users.manage"), async (c) => {
    const change = await body(c, userChange);
    await updateUser(
      db,
      userId(c.req.param("id")),
      {
        ...(change.role ? { role: change.role } : {}),
        ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
      },
      apiAudit(c),
      now(),
    );
    const user = (await listUsers(db)).find((u) => u.id === userId(c.req.param("id")));
    return c.json({ user });
  });

  app.post("/api/v1/users/:id{[0-9]+}/password", apiRequires(deps, "users.manage"), async (c) => {
    const input = await body(c, passwordReset);
    await resetPassword(
      db,
      userId(c.req.param("id")),
      input.password,
      apiAudit(c),
      now(),
      deps.passwordCost,
    );
    return c.json({ reset: true });
  });

  app.get("/api/v1/audit", apiRequires(deps, "audit.view"), async (c) => {
    const before = Number(c.req.query("before") ?? "");
    const action = (c.req.query("action") ?? "").replace(/[^a-z.]/g, "").slice(0, 40);
    const events = await listAudit(db, {
      limit: 100,
      ...(action ? { action } : {}),
      ...(Number.isInteger(before) && before > 0 ? { before } : {}),
    });
    return c.json({ events });
  });
}
