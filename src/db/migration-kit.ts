import type { CreateTableBuilder, Kysely, Migration } from "kysely";
import type { DialectName } from "./database.js";

/** A migration that may branch on the dialect (identity columns, full-text search). */
export type DialectMigration = (dialect: DialectName) => Migration;

/** Surrogate integer key: autoincrement on SQLite, identity on PostgreSQL. */
export function withId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: DialectName,
): CreateTableBuilder<T, "id"> {
  return dialect === "sqlite"
    ? table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    : table.addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity());
}

/** Migrations see the schema as it was when written, never today's types. */
export type AnyDb = Kysely<unknown>;
