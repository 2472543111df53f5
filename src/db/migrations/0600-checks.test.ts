import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../../test/support/test-database.js";
import { loadReferenceData } from "../../checks/reference-data.js";

describe.each(TEST_DIALECTS)("reference data seeded by 0600 on %s", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await database.destroy();
  });
  it("holds dated office holders, aliases and outlets", async () => {
    const data = await loadReferenceData(database.db);
    const trump = data.officeHolders.filter((h) => h.person === "Donald Trump");
    expect(trump.map((h) => [h.since, h.until])).toEqual([
      ["2017-01-20", "2021-01-20"],
      ["2025-01-20", null],
    ]);
    expect(data.officeHolders.find((h) => h.person === "Lee Jae-myung")?.since).toBe("2025-06-04");
    expect(
      data.aliases.some(
        (a) => a.canonical === "Kim Jong Un" && a.alias === "金正恩" && a.language === "zh",
      ),
    ).toBe(true);
    expect(data.outlets.some((o) => o.domain === "yna.co.kr")).toBe(true);
  });
});
