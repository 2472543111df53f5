import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DIALECTS } from "../../test/support/test-database.js";
import { migrateToLatest } from "./migrate.js";

describe.each(TEST_DIALECTS)("migrations on %s", (dialect) => {
  it("creates every table and is a no-op the second time", async () => {
    const database = await createTestDatabase(dialect);
    try {
      const again = await migrateToLatest(database);
      expect(again.results).toEqual([]);
      const { rows } = await sql<{ n: number }>`select count(*) as n from article`.execute(
        database.db,
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await database.destroy();
    }
  });
});
