import type { Database } from "../db/database.js";

/** No article and no hot-search list stored: the database of a first start. */
export async function isEmptyDatabase(database: Database): Promise<boolean> {
  const [article, snapshot] = await Promise.all([
    database.db.selectFrom("article").select("id").limit(1).executeTakeFirst(),
    database.db.selectFrom("trend_snapshot").select("id").limit(1).executeTakeFirst(),
  ]);
  return article === undefined && snapshot === undefined;
}
