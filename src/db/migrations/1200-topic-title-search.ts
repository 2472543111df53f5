import { sql } from "kysely";
import type { AnyDb, DialectMigration } from "../migration-kit.js";

/**
 * A full-text index on the trend desk's English hashtag titles (`trend_topic.title_en`), so
 * an English query finds the Chinese hashtags it names at query time, whatever the title
 * was when an article about the hashtag was saved (titles often arrive later, from the
 * translator). Search reads it through search-topics.ts.
 *
 * - SQLite: a contentless FTS5 table keyed by the topic id, kept in step by triggers: the
 *   trend ingest upserts topics every minute and writes no title, so the update trigger is
 *   limited to a changed `title_en`.
 * - PostgreSQL: a partial GIN index on the title's English vector, which the query repeats.
 */
export const topicTitleSearchMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    if (dialect === "postgres") {
      // No pending list (fastupdate): entries added since the last vacuum are scanned in
      // full by every search, 22 ms after 20,000 new topics, where the index answers in 0.1.
      // Titles are written rarely, so inserting each into the index at once costs little.
      await sql`create index trend_topic_title_en_search on trend_topic
        using gin (to_tsvector('english', title_en)) with (fastupdate = off)
        where title_en <> ''`.execute(db);
      return;
    }
    await sql`create virtual table trend_topic_title_fts using fts5(title_en,
      tokenize='porter unicode61 remove_diacritics 2', content='', contentless_delete=1)`.execute(
      db,
    );
    await sql`insert into trend_topic_title_fts (rowid, title_en)
      select id, title_en from trend_topic where title_en <> ''`.execute(db);
    await sql`create trigger trend_topic_title_fts_insert after insert on trend_topic
      when new.title_en <> '' begin
        insert into trend_topic_title_fts (rowid, title_en) values (new.id, new.title_en);
      end`.execute(db);
    await sql`create trigger trend_topic_title_fts_update after update of title_en on trend_topic
      when old.title_en is not new.title_en begin
        delete from trend_topic_title_fts where rowid = old.id;
        insert into trend_topic_title_fts (rowid, title_en)
          select new.id, new.title_en where new.title_en <> '';
      end`.execute(db);
    await sql`create trigger trend_topic_title_fts_delete after delete on trend_topic begin
        delete from trend_topic_title_fts where rowid = old.id;
      end`.execute(db);
  },
  async down(db: AnyDb) {
    if (dialect === "postgres") {
      await sql`drop index trend_topic_title_en_search`.execute(db);
      return;
    }
    for (const trigger of ["insert", "update", "delete"])
      await sql`drop trigger ${sql.raw(`trend_topic_title_fts_${trigger}`)}`.execute(db);
    await sql`drop table trend_topic_title_fts`.execute(db);
  },
});
