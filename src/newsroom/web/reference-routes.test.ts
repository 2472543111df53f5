import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Client,
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { createDraft, STORY } from "../../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { listAudit } from "../audit-log.js";

const HOLDER = {
  person: "Anna Kovacs",
  office: "President",
  body: "Ruritania",
  since: "2024-03-01",
  until: "",
  sourceNote: "Ruritanian gazette",
};

describe.each(TEST_DIALECTS)("reference data page on %s", (dialect) => {
  let h: NewsroomHarness;
  let editor: Client;
  beforeEach(async () => {
    h = await createNewsroomHarness(dialect, "2025-08-27T08:00:00Z");
    editor = await h.login((await h.addUser("editor")).email);
  });
  afterEach(async () => {
    await h.destroy();
  });

  const holders = () =>
    h.database.db
      .selectFrom("office_holder")
      .selectAll()
      .where("person", "=", HOLDER.person)
      .execute();
  const referenceAudit = async () =>
    (await listAudit(h.database.db, { action: "reference.", limit: 50 })).reverse();

  it("lists the seeded tables and links them from the navigation", async () => {
    const res = await editor.get("/admin/reference");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/admin/reference"');
    for (const heading of ["Office holders", "Name aliases", "News outlets"]) {
      expect(html).toContain(heading);
    }
    expect(html).toContain("Donald Trump");
    expect(html).toContain("Add office holder");
  });

  it("adds, edits and deletes an office holder, each change audited", async () => {
    const added = await editor.post("/admin/reference/office-holders", HOLDER);
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/admin/reference?done=added");
    const [row] = await holders();
    expect(row).toMatchObject({ office: "President", since: "2024-03-01", until: null });
    const id = row?.id ?? 0;

    const form = await (await editor.get(`/admin/reference/office-holders/${id}`)).text();
    expect(form).toContain('value="Ruritanian gazette"');
    const edited = await editor.post(`/admin/reference/office-holders/${id}`, {
      ...HOLDER,
      until: "2025-06-01",
    });
    expect(edited.status).toBe(303);
    expect((await holders())[0]?.until).toBe("2025-06-01");

    const gone = await editor.post(`/admin/reference/office-holders/${id}/delete`);
    expect(gone.status).toBe(303);
    expect(await holders()).toEqual([]);
    expect((await editor.post(`/admin/reference/office-holders/${id}/delete`)).status).toBe(404);

    const audit = await referenceAudit();
    expect(audit.map((a) => a.action)).toEqual([
      "reference.office_holder.create",
      "reference.office_holder.update",
      "reference.office_holder.delete",
    ]);
    expect(audit.every((a) => a.targetId === String(id))).toBe(true);
    expect(audit[1]?.detail).toContain("2025-06-01");
  });

  it("adds and edits aliases and outlets", async () => {
    expect(
      (
        await editor.post("/admin/reference/aliases", {
          canonical: "Anna Kovacs",
          alias: "安娜·科瓦奇",
          language: "zh",
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await editor.post("/admin/reference/outlets", {
          name: "Ruritania Daily",
          domain: "Daily.Example.org",
          language: "en",
          country: "Ruritania",
        })
      ).status,
    ).toBe(303);
    const outlet = await h.database.db
      .selectFrom("news_outlet")
      .selectAll()
      .where("name", "=", "Ruritania Daily")
      .executeTakeFirstOrThrow();
    expect(outlet.domain).toBe("daily.example.org");
    const page = await (await editor.get("/admin/reference?done=added")).text();
    expect(page).toContain("安娜·科瓦奇");
    expect(page).toContain("Added. The next check uses it.");
    const refused = await editor.post(`/admin/reference/outlets/${outlet.id}`, {
      name: "Ruritania Daily",
      domain: "https://daily.example.org/news",
      language: "English",
      country: "Ruritania",
    });
    expect(refused.status).toBe(422);
    const text = await refused.text();
    expect(text).toContain("Domain must be a host name");
    expect(text).toContain("Language must be a code");
    expect(
      (
        await h.database.db
          .selectFrom("news_outlet")
          .select("domain")
          .where("id", "=", outlet.id)
          .executeTakeFirstOrThrow()
      ).domain,
    ).toBe("daily.example.org");
    expect((await referenceAudit()).map((a) => a.action)).toEqual([
      "reference.name_alias.create",
      "reference.news_outlet.create",
    ]);
  });

  it.each([
    [{ since: "2025-02-30" }, "since", "Since must be a real date"],
    [{ since: "01/03/2024" }, "since", "Since must be a real date"],
    [{ until: "2023-12-31" }, "until", "Until must not be before Since"],
    [{ person: "  " }, "person", "Person is required"],
    [{ office: "x".repeat(201) }, "office", "at most 200 characters"],
    [{ body: "Rurit\u0007ania" }, "body", "must not contain control characters"],
  ])(
    "refuses %o with the problem beside the field, writing nothing",
    async (bad, field, message) => {
      const res = await editor.post("/admin/reference/office-holders", { ...HOLDER, ...bad });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html.match(new RegExp(`id="f-${field}-error">([^<]*)`))?.[1]).toContain(message);
      expect(html).toContain('value="Ruritanian gazette"');
      expect(await holders()).toEqual([]);
      expect(await referenceAudit()).toEqual([]);
    },
  );

  it("escapes what editors typed on the list and edit pages", async () => {
    const hostile = `<img src=x onerror="alert(1)">`;
    expect(
      (
        await editor.post("/admin/reference/aliases", {
          canonical: hostile,
          alias: "Hostile",
          language: "en",
        })
      ).status,
    ).toBe(303);
    const list = await (await editor.get("/admin/reference")).text();
    expect(list).not.toContain(hostile);
    expect(list).toContain("&lt;img src=x onerror=");
    const row = await h.database.db
      .selectFrom("name_alias")
      .select("id")
      .where("alias", "=", "Hostile")
      .executeTakeFirstOrThrow();
    const edit = await (await editor.get(`/admin/reference/aliases/${row.id}`)).text();
    expect(edit).not.toContain(hostile);
  });

  it("refuses an alias language outside en, zh and pinyin", async () => {
    const res = await editor.post("/admin/reference/aliases", {
      canonical: "Anna Kovacs",
      alias: "Kovacs Anna",
      language: "hu",
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Language must be en, zh or pinyin.");
    const rows = await h.database.db
      .selectFrom("name_alias")
      .select("id")
      .where("alias", "=", "Kovacs Anna")
      .execute();
    expect(rows).toEqual([]);
  });

  it("lets a writer read but not change, and refuses a post without the CSRF token", async () => {
    const writer = await h.login((await h.addUser("writer")).email);
    const view = await writer.get("/admin/reference");
    expect(view.status).toBe(200);
    const html = await view.text();
    expect(html).toContain("Donald Trump");
    expect(html).not.toContain("Add office holder");
    const seeded = await h.database.db
      .selectFrom("office_holder")
      .select("id")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    expect((await writer.post("/admin/reference/office-holders", HOLDER)).status).toBe(403);
    expect((await writer.get(`/admin/reference/office-holders/${seeded.id}`)).status).toBe(403);
    expect((await writer.post(`/admin/reference/office-holders/${seeded.id}/delete`)).status).toBe(
      403,
    );
    expect(await holders()).toEqual([]);
    const denied = await listAudit(h.database.db, { action: "permission.denied", limit: 10 });
    expect(denied.map((d) => d.targetId)).toContain("reference.manage");

    const forged = await editor.post("/admin/reference/office-holders", {
      ...HOLDER,
      _csrf: "not-the-token",
    });
    expect(forged.status).toBe(403);
    expect(await holders()).toEqual([]);
    expect(await referenceAudit()).toEqual([]);
    expect((await h.anonymous().get("/admin/reference")).status).toBe(303);
  });

  it("changes the next check: an added office holder raises a 'former' flag, deleting it clears it", async () => {
    const titleFlags = async (id: number) =>
      (
        await h.database.db
          .selectFrom("check_flag")
          .selectAll()
          .where("article_id", "=", id)
          .where("kind", "=", "title")
          .orderBy("id")
          .execute()
      ).map((f) => ({ revision: f.revision, status: f.status, severity: f.severity }));
    const lead = "Former President Anna Kovacs **visited** ten stations [1].";
    const id = await createDraft(editor, { lead });
    expect(await titleFlags(id)).toEqual([]);

    // Each save changes the dek, so it writes (and checks) a new revision.
    const save = async (dek: string) => {
      const { revision } = await h.database.db
        .selectFrom("newsroom_story")
        .select("revision")
        .where("article_id", "=", id)
        .executeTakeFirstOrThrow();
      const res = await editor.post(`/admin/stories/${id}`, {
        ...STORY,
        lead,
        dek,
        base_revision: String(revision),
      });
      expect(res.status).toBe(303);
    };
    expect((await editor.post("/admin/reference/office-holders", HOLDER)).status).toBe(303);
    await save("Stations closed as the president visited");
    expect(await titleFlags(id)).toEqual([{ revision: 2, status: "open", severity: "error" }]);
    const panel = await (await editor.get(`/admin/stories/${id}`)).text();
    expect(panel).toContain('<a href="/admin/reference">reference data</a>');

    const [row] = await holders();
    expect((await editor.post(`/admin/reference/office-holders/${row?.id}/delete`)).status).toBe(
      303,
    );
    await save("Stations closed as the former president visited");
    expect(await titleFlags(id)).toEqual([{ revision: 2, status: "fixed", severity: "error" }]);
  });
});
