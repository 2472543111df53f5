import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config/env.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../../src/content/categories.js";
import { fixedClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/log.js";
import type { DialectName } from "../../src/db/database.js";
import type { NewsroomRole } from "../../src/db/schema.js";
import { systemContext } from "../../src/newsroom/audit-log.js";
import type { ArticleChangeHook } from "../../src/newsroom/commands/article-hooks.js";
import { createUser } from "../../src/newsroom/commands/user-commands.js";
import type { NewsroomOptions } from "../../src/newsroom/newsroom-deps.js";
import type { SiteDeps } from "../../src/web/site-deps.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

/** Low scrypt cost so tests stay fast; production uses DEFAULT_PARAMS. */
export const TEST_PASSWORD_COST = 1024;
export const TEST_PASSWORD = "correct horse battery staple";
export const SITE = "https://resou.example";

export interface Client {
  cookie: string;
  csrf: string;
  get(path: string): Promise<Response>;
  /** Posts a form; the CSRF token is added unless `_csrf` is given. */
  post(
    path: string,
    fields?: Record<string, string | string[]>,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

/** How the harness reaches the app, and the newsroom's own options. */
export interface HarnessOptions {
  /**
   * "socket" serves the app on 127.0.0.1 and sends every request through a real TCP
   * connection (client address, headers and cookies as a browser would see them);
   * "in-process" (default) calls `app.request`.
   */
  transport?: "in-process" | "socket";
  newsroom?: Omit<NewsroomOptions, "hooks">;
}

export interface NewsroomHarness {
  database: TestDatabase;
  /** The server's origin with the socket transport (e.g. http://127.0.0.1:40123), else SITE. */
  origin: string;
  deps: SiteDeps;
  clock: ReturnType<typeof fixedClock>;
  changes: string[];
  request(path: string, init?: RequestInit): Promise<Response>;
  addUser(role: NewsroomRole, email?: string): Promise<{ id: number; email: string }>;
  /** Signs in through the real form and returns a client carrying the cookie and token. */
  login(email: string, password?: string): Promise<Client>;
  anonymous(): Client;
  destroy(): Promise<void>;
}

export function formBody(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return body;
}

const cookieValue = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith(`${name}=`));

export async function createNewsroomHarness(
  dialect: DialectName,
  now = "2025-08-27T12:00:00Z",
  env: Record<string, string> = {},
  options: HarnessOptions = {},
): Promise<NewsroomHarness> {
  const database = await createTestDatabase(dialect);
  await ensureCategories(database.db, DEFAULT_CATEGORIES);
  const clock = fixedClock(now);
  const config = loadConfig({ SITE_URL: SITE, DEMO_CONTENT: "0", ...env });
  const deps: SiteDeps = { database, config, clock, log: silentLogger };
  const changes: string[] = [];
  const hook: ArticleChangeHook = async (change) => {
    changes.push(`${change.type}:${change.slug}`);
  };
  const app = createApp(deps, {
    newsroom: { passwordCost: TEST_PASSWORD_COST, ...options.newsroom, hooks: [hook] },
  });
  let origin = SITE;
  let close = async () => {};
  if (options.transport === "socket") {
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () =>
      new Promise<void>((done) => {
        server.close(() => done());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
  }
  const request = async (path: string, init?: RequestInit) =>
    options.transport === "socket"
      ? fetch(`${origin}${path}`, { redirect: "manual", ...init })
      : app.request(`${SITE}${path}`, init);
  let users = 0;

  const client = (cookie: string, csrf: string): Client => ({
    cookie,
    csrf,
    get: (path) => request(path, { headers: cookie ? { cookie } : {} }),
    post: (path, fields = {}, headers = {}) =>
      request(path, {
        method: "POST",
        headers: {
          ...(cookie ? { cookie } : {}),
          "content-type": "application/x-www-form-urlencoded",
          ...headers,
        },
        body: formBody({ _csrf: csrf, ...fields }),
      }),
  });

  return {
    database,
    origin,
    deps,
    clock,
    changes,
    request,
    async addUser(role, email) {
      users += 1;
      const address = email ?? `${role}${users}@resou.example`;
      const user = await createUser(
        database.db,
        { email: address, displayName: `${role} ${users}`, role, password: TEST_PASSWORD },
        systemContext,
        clock.now(),
        TEST_PASSWORD_COST,
      );
      return { id: user.id, email: address };
    },
    async login(email, password = TEST_PASSWORD) {
      const form = await request("/admin/login");
      const loginCsrf = cookieValue(form, "resou_login_csrf") ?? "";
      const token = loginCsrf.split("=")[1] ?? "";
      const response = await request("/admin/login", {
        method: "POST",
        headers: { cookie: loginCsrf, "content-type": "application/x-www-form-urlencoded" },
        body: formBody({ _csrf: token, email, password }),
      });
      const session = cookieValue(response, "resou_session");
      if (response.status !== 303 || !session) throw new Error(`login failed: ${response.status}`);
      const account = await (
        await request("/admin/account", { headers: { cookie: session } })
      ).text();
      const csrf = /name="csrf-token" content="([^"]+)"/.exec(account)?.[1] ?? "";
      return client(session, csrf);
    },
    anonymous: () => client("", ""),
    async destroy() {
      await close();
      await database.destroy();
    },
  };
}
