import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Database, type DialectName, openDatabase } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";

/**
 * Dialects every data-layer suite runs on. Both by default: CI and developers have the
 * PostgreSQL at 127.0.0.1:5432; `RESOU_TEST_DIALECTS=sqlite` narrows a local run.
 */
export const TEST_DIALECTS: DialectName[] = (process.env.RESOU_TEST_DIALECTS ?? "sqlite,postgres")
  .split(",")
  .map((d) => d.trim())
  .filter((d): d is DialectName => d === "sqlite" || d === "postgres");

export const TEST_POSTGRES_URL =
  process.env.RESOU_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestDatabase extends Database {
  /** The URL and schema, for a second process or connection on the same data. */
  url: string;
  schema: string;
}

/** A fresh, migrated database: a temp SQLite file, or a new PostgreSQL schema. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "resou-test-"));
    const url = `sqlite:${join(dir, "test.db")}`;
    const database = await openDatabase({ url });
    await migrateToLatest(database);
    return {
      ...database,
      url,
      schema: "main",
      async destroy() {
        await database.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
  const database = await openDatabase({ url: TEST_POSTGRES_URL, schema });
  await migrateToLatest(database);
  return {
    ...database,
    url: TEST_POSTGRES_URL,
    schema,
    async destroy() {
      await database.destroy();
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
