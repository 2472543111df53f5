import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { DOCUMENTED, expectDocumented } from "../../../test/support/openapi-check.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { seedTrends } from "../../../test/support/trend-fixtures.js";
import { listAudit, systemContext } from "../audit-log.js";
import { createApiToken } from "../auth/api-tokens.js";

const CONTENT = {
  headline: "Typhoon reaches Shanghai",
  category: "News & Politics",
  // Cited against the source title, so the claim checks raise no error and it can be published.
  lead: "Winds **closed** the airports [1].",
  sections: [{ heading: "What happened", body: "Flights stopped [1]." }],
  tags: ["weather"],
  hashtag: "#台风#",
  sources: [
    { url: "https://example.com/typhoon", title: "Winds closed the airports and flights stopped" },
  ],
};

describe.each(TEST_DIALECTS)("JSON API on %s", (dialect) => {
  let h: NewsroomHarness;
  let tokens: Record<"writer" | "editor", string>;
  const covered = new Set<string>();
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect, "2025-08-27T08:00:00Z");
    const now = h.clock.now();
    const writer = await h.addUser("writer");
    const editor = await h.addUser("editor");
    tokens = {
      writer: (await createApiToken(h.database.db, writer.id, "script", systemContext, now)).token,
      editor: (await createApiToken(h.database.db, editor.id, "script", systemContext, now)).token,
    };
  });
  afterEach(async () => {
    await h.destroy();
  });

  const call = async (
    who: "writer" | "editor" | "nobody",
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (who !== "nobody") headers.authorization = `Bearer ${tokens[who]}`;
    const response = await h.request(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    covered.add(await expectDocumented(method, path, response));
    return response;
  };

  it("serves its OpenAPI document", async () => {
    const response = await h.request("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    expect(((await response.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("refuses requests without a valid token", async () => {
    expect((await call("nobody", "GET", "/api/v1/me")).status).toBe(401);
    const forged = await h.request("/api/v1/me", {
      headers: { authorization: "Bearer rsu_forged" },
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("runs a story's life through the API, every response as documented", async () => {
    const topics = await seedTrends(h.database.db);
    expect((await (await call("writer", "GET", "/api/v1/me")).json()).role).toBe("writer");
    expect((await call("writer", "GET", "/api/v1/topics")).status).toBe(200);
    const huge = await call("writer", "POST", "/api/v1/stories", {
      content: { ...CONTENT, lead: "x".repeat(3 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
    const invalid = await call("writer", "POST", "/api/v1/stories", {
      content: { headline: "", category: "News & Politics", extra: 1 },
    });
    expect(invalid.status).toBe(422);
    const created = await call("writer", "POST", "/api/v1/stories", { content: CONTENT });
    expect(created.status).toBe(201);
    const story = (
      (await created.json()) as {
        story: { id: number; revision: number; content: { hashtag: string } };
      }
    ).story;
    expect(story.revision).toBe(1);
    expect(story.content.hashtag).toBe("台风");
    const path = `/api/v1/stories/${story.id}`;
    expect((await call("writer", "GET", path)).status).toBe(200);
    expect((await call("writer", "GET", "/api/v1/stories")).status).toBe(200);

    const saved = await call("writer", "PUT", path, {
      baseRevision: 1,
      content: { ...CONTENT, dek: "Airports shut" },
    });
    expect(saved.status).toBe(200);
    const stale = await call("editor", "PUT", path, {
      baseRevision: 1,
      content: { ...CONTENT, dek: "Editor's dek" },
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { current: { revision: number } }).current.revision).toBe(2);
    expect((await call("writer", "GET", `${path}/revisions`)).status).toBe(200);
    expect(
      (await call("writer", "POST", `${path}/restore`, { number: 1, baseRevision: 1 })).status,
    ).toBe(409);
    expect(
      (await call("writer", "POST", `${path}/restore`, { number: 1, baseRevision: 2 })).status,
    ).toBe(200);
    expect((await call("writer", "POST", `${path}/assign`, { assigneeId: null })).status).toBe(403);
    const assigned = await call("editor", "POST", `${path}/assign`, { assigneeId: null });
    expect(assigned.status).toBe(200);
    expect((await call("editor", "POST", "/api/v1/topics/99999/dismiss")).status).toBe(404);
    expect((await call("writer", "POST", `/api/v1/topics/${topics.idol}/dismiss`)).status).toBe(
      403,
    );
    expect((await call("editor", "POST", `/api/v1/topics/${topics.idol}/dismiss`)).status).toBe(
      200,
    );

    expect((await call("writer", "POST", `${path}/publish`)).status).toBe(403);
    const past = await call("editor", "POST", `${path}/schedule`, {
      publishAt: "2025-08-27T07:00:00Z",
    });
    expect(past.status).toBe(422);
    expect(
      (await call("editor", "POST", `${path}/schedule`, { publishAt: "2025-08-27T18:00:00+08:00" }))
        .status,
    ).toBe(200);
    const published = await call("editor", "POST", `${path}/publish`);
    expect(((await published.json()) as { story: { status: string } }).story.status).toBe(
      "published",
    );
    expect(
      (await call("editor", "POST", `${path}/schedule`, { publishAt: "2025-08-28T18:00:00+08:00" }))
        .status,
    ).toBe(409);
    expect(
      (await call("editor", "POST", `${path}/corrections`, { text: "Fixed the airport count." }))
        .status,
    ).toBe(200);
    expect((await call("editor", "POST", `${path}/unpublish`)).status).toBe(200);
    expect(
      (await call("editor", "POST", `${path}/corrections`, { text: "Too late for this one." }))
        .status,
    ).toBe(409);
    expect((await call("writer", "GET", "/api/v1/stories/99999")).status).toBe(404);

    const log = (await listAudit(h.database.db, { limit: 100 })).map(
      (a) => `${a.action} ${a.actorLabel}`,
    );
    expect(log.some((l) => /^story.publish editor\d@resou.example \(token \d+\)$/.test(l))).toBe(
      true,
    );
    expect(log.some((l) => l.startsWith("permission.denied writer"))).toBe(true);
    // Users and the audit log are covered by admin-api-routes.test.ts.
    const storyOps = DOCUMENTED.filter((op) => !/\/api\/v1\/(users|audit)/.test(op));
    expect([...covered].sort()).toEqual(storyOps.sort());
  });
});
