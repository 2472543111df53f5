import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import {
  createOfficeHolder,
  deleteReferenceRow,
  isCalendarDate,
  officeHolderInput,
  type ReferenceChange,
  updateOfficeHolder,
} from "./reference-commands.js";
import { loadReferenceData } from "./reference-data.js";

const HOLDER = {
  person: "Anna Kovacs",
  office: "President",
  body: "Ruritania",
  since: "2024-02-29",
  until: "",
  sourceNote: "",
};

describe("reference input rules", () => {
  it("accepts only real calendar days", () => {
    expect(["2024-02-29", "2025-12-31", "1990-01-01"].every(isCalendarDate)).toBe(true);
    for (const bad of ["2025-02-29", "2025-13-01", "2025-04-31", "2025-4-01", "25-04-01", ""]) {
      expect(isCalendarDate(bad)).toBe(false);
    }
  });
  it("trims, turns an empty until into null, and allows a one-day term", () => {
    const parsed = officeHolderInput.parse({
      ...HOLDER,
      person: "  Anna Kovacs ",
      until: "2024-02-29",
    });
    expect(parsed).toMatchObject({ person: "Anna Kovacs", until: "2024-02-29" });
    expect(officeHolderInput.parse(HOLDER).until).toBeNull();
  });
  it("refuses newlines and other control characters", () => {
    const result = officeHolderInput.safeParse({ ...HOLDER, sourceNote: "line one\nline two" });
    expect(result.success).toBe(false);
  });
});

describe.each(TEST_DIALECTS)("reference commands on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.destroy();
  });
  const mine = async () =>
    (await loadReferenceData(database.db)).officeHolders.filter((h) => h.person === HOLDER.person);

  it("passes each change to the audit hook inside the write's transaction", async () => {
    const seen: ReferenceChange[] = [];
    const audit = async (_trx: unknown, change: ReferenceChange) => {
      seen.push(change);
    };
    const created = await createOfficeHolder(database.db, HOLDER, audit);
    if (!created.ok) throw new Error("create failed");
    expect(await mine()).toHaveLength(1);
    expect(await updateOfficeHolder(database.db, created.id + 100000, HOLDER, audit)).toEqual({
      ok: false,
      notFound: true,
    });
    expect(await deleteReferenceRow(database.db, "office_holder", created.id, audit)).toBe(true);
    expect(seen.map((c) => [c.table, c.op, c.id])).toEqual([
      ["office_holder", "create", created.id],
      ["office_holder", "delete", created.id],
    ]);
    expect(seen[1]?.before).toMatchObject({ person: "Anna Kovacs", since: "2024-02-29" });
  });

  it("writes nothing when the audit event cannot be recorded", async () => {
    const failing = async () => {
      throw new Error("audit store down");
    };
    await expect(createOfficeHolder(database.db, HOLDER, failing)).rejects.toThrow(
      "audit store down",
    );
    expect(await mine()).toEqual([]);
    const created = await createOfficeHolder(database.db, HOLDER, async () => {});
    if (!created.ok) throw new Error("create failed");
    await expect(
      updateOfficeHolder(database.db, created.id, { ...HOLDER, until: "2025-01-01" }, failing),
    ).rejects.toThrow();
    await expect(
      deleteReferenceRow(database.db, "office_holder", created.id, failing),
    ).rejects.toThrow();
    expect(await mine()).toMatchObject([{ until: null }]);
  });
});
