import { sql } from "kysely";
import type { Database } from "../db/database.js";

/**
 * Takes or renews the named lease for `holder` until `now + ttlMs`. Succeeds when the lease
 * is free, expired, or already ours; one atomic statement, so two processes never both win.
 */
export async function acquireLease(
  database: Database,
  name: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<boolean> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + ttlMs).toISOString();
  const { rows } = await sql<{ holder: string }>`
    insert into lease (name, holder, expires_at) values (${name}, ${holder}, ${until})
    on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
    where lease.expires_at <= ${at} or lease.holder = excluded.holder
    returning holder`.execute(database.db);
  return rows[0]?.holder === holder;
}

/** Gives the lease up early so another process need not wait for it to expire. */
export async function releaseLease(
  database: Database,
  name: string,
  holder: string,
): Promise<void> {
  await database.db
    .deleteFrom("lease")
    .where("name", "=", name)
    .where("holder", "=", holder)
    .execute();
}
