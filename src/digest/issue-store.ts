import type { Kysely, Selectable } from "kysely";
import type { DigestEdition, DigestIssueTable, Tables } from "../db/schema.js";

export type IssueRow = Selectable<DigestIssueTable>;

/** The issue row for an edition and day, created (as a draft) when missing. */
export async function issueFor(
  db: Kysely<Tables>,
  edition: DigestEdition,
  day: string,
  now: Date,
): Promise<IssueRow> {
  const at = now.toISOString();
  await db
    .insertInto("digest_issue")
    .values({
      edition,
      day,
      created_at: at,
      updated_at: at,
      published_at: null,
      send_requested_at: null,
    })
    .onConflict((oc) => oc.columns(["edition", "day"]).doNothing())
    .execute();
  return db
    .selectFrom("digest_issue")
    .selectAll()
    .where("edition", "=", edition)
    .where("day", "=", day)
    .executeTakeFirstOrThrow();
}

export async function findIssue(
  db: Kysely<Tables>,
  edition: DigestEdition,
  day: string,
): Promise<IssueRow | undefined> {
  return db
    .selectFrom("digest_issue")
    .selectAll()
    .where("edition", "=", edition)
    .where("day", "=", day)
    .executeTakeFirst();
}

export async function issueById(db: Kysely<Tables>, id: number): Promise<IssueRow | undefined> {
  return db.selectFrom("digest_issue").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Makes the web and feed versions public (first time only; the date never moves). */
export async function publishIssue(db: Kysely<Tables>, id: number, now: Date): Promise<void> {
  await db
    .updateTable("digest_issue")
    .set({ published_at: now.toISOString(), updated_at: now.toISOString() })
    .where("id", "=", id)
    .where("published_at", "is", null)
    .execute();
}

/** Published issues, newest day first. */
export async function publishedIssues(
  db: Kysely<Tables>,
  limit: number,
  edition?: DigestEdition,
): Promise<IssueRow[]> {
  let query = db
    .selectFrom("digest_issue")
    .selectAll()
    .where("published_at", "is not", null)
    .orderBy("day", "desc")
    .orderBy("edition")
    .limit(limit);
  if (edition) query = query.where("edition", "=", edition);
  return query.execute();
}

/** The published neighbours of a day in the same edition, for earlier/later links. */
export async function neighbours(
  db: Kysely<Tables>,
  edition: DigestEdition,
  day: string,
): Promise<{ previous?: string; next?: string }> {
  const previous = await db
    .selectFrom("digest_issue")
    .select("day")
    .where("edition", "=", edition)
    .where("published_at", "is not", null)
    .where("day", "<", day)
    .orderBy("day", "desc")
    .limit(1)
    .executeTakeFirst();
  const next = await db
    .selectFrom("digest_issue")
    .select("day")
    .where("edition", "=", edition)
    .where("published_at", "is not", null)
    .where("day", ">", day)
    .orderBy("day")
    .limit(1)
    .executeTakeFirst();
  return {
    ...(previous ? { previous: previous.day } : {}),
    ...(next ? { next: next.day } : {}),
  };
}
