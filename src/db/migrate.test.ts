import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  TEST_POSTGRES_URL,
} from "../../test/support/test-database.js";
import { type DialectName, openDatabase } from "./database.js";
import { migrateToLatest } from "./migrate.js";

function freshUrl(dialect: DialectName): { url: string; schema?: string; cleanup(): void } {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "resou-migrate-"));
    return {
      url: `sqlite:${join(dir, "m.db")}`,
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  return {
    url: TEST_POSTGRES_URL,
    schema: `m_${randomBytes(4).toString("hex")}`,
    cleanup: () => undefined,
  };
}

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

  it("applies each migration once when three processes start together", async () => {
    const target = freshUrl(dialect);
    const child = (): Promise<number> =>
      new Promise((resolve, reject) => {
        const args = [
          "--import",
          "tsx",
          "test/support/migrate-child.ts",
          target.url,
          ...(target.schema ? [target.schema] : []),
        ];
        execFile(process.execPath, args, (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(Number(stdout)),
        );
      });
    try {
      const applied = (await Promise.all([child(), child(), child()])).sort((a, b) => b - a);
      expect(applied[0]).toBeGreaterThan(0);
      expect(applied.slice(1)).toEqual([0, 0]);
    } finally {
      if (target.schema) {
        const db = await openDatabase({ url: target.url, schema: target.schema });
        await sql`drop schema ${sql.id(target.schema)} cascade`.execute(db.db);
        await db.destroy();
      }
      target.cleanup();
    }
  });
});
