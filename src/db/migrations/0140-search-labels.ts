import { sql } from "kysely";
import type { DialectName } from "../database.js";
import type { AnyDb, DialectMigration } from "../migration-kit.js";
import { type SearchDocument, searchDocument } from "../search-document.js";

const FTS5_OPTIONS =
  "tokenize='porter unicode61 remove_diacritics 2', prefix='1 2 3 4', content='', contentless_delete=1";
const BATCH = 1000;

/**
 * Both databases: the search entry gains `labels` (tags, byline, the hashtag's English
 * title), and Chinese in them joins `cjk`, so "Typhoon season" finds an article tagged so
 * and a Chinese tag is found like Chinese text.
 *
 * - SQLite: the contentless FTS5 table cannot take a column or give its text back, so it
 *   is rebuilt from the article rows (as 0120's down path does), every entry made the way a
 *   save makes it (search-document.ts).
 * - PostgreSQL: `labels` is added and filled, and the generated vectors `document` and
 *   `summary` are made again to hold it (weight B, as the body); `head` keeps the
 *   headline alone, so a byline word on every article never fills the headline tier.
 *
 * At 100,000 articles this re-reads every article once (about a minute on SQLite).
 */
export const searchLabelsMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    if (dialect === "sqlite") {
      await sql`create virtual table article_fts_next using fts5(headline, body, cjk, labels, ${sql.raw(FTS5_OPTIONS)})`.execute(
        db,
      );
      await eachDocument(db, async (batch) => {
        for (const { id, doc } of batch) {
          await sql`insert into article_fts_next (rowid, headline, body, cjk, labels)
            values (${id}, ${doc.headline}, ${doc.body}, ${doc.cjk}, ${doc.labels})`.execute(db);
        }
      });
      await sql`drop table article_fts`.execute(db);
      await sql`alter table article_fts_next rename to article_fts`.execute(db);
      return;
    }
    // The vectors go first, so filling `labels` rewrites rows without computing them.
    await sql`alter table article_fts drop column document, drop column summary`.execute(db);
    await sql`alter table article_fts add column labels text not null default ''`.execute(db);
    await eachDocument(db, async (batch) => {
      await sql`update article_fts set labels = v.labels, cjk = v.cjk
        from unnest(${batch.map((b) => b.id)}::integer[], ${batch.map((b) => b.doc.labels)}::text[],
          ${batch.map((b) => b.doc.cjk)}::text[]) as v(id, labels, cjk)
        where article_fts.rowid = v.id`.execute(db);
    });
    await addVectors(db, dialect, true);
  },
  async down(db: AnyDb) {
    if (dialect === "sqlite") {
      await sql`create virtual table article_fts_next using fts5(headline, body, cjk, ${sql.raw(FTS5_OPTIONS)})`.execute(
        db,
      );
      await sql`insert into article_fts_next (rowid, headline, body, cjk)
        select id, headline, plain_text, '' from article`.execute(db);
      await sql`drop table article_fts`.execute(db);
      await sql`alter table article_fts_next rename to article_fts`.execute(db);
      return;
    }
    await sql`alter table article_fts drop column document, drop column summary, drop column labels`.execute(
      db,
    );
    await addVectors(db, dialect, false);
  },
});

/** `document` and `summary` as 0100 made them, with `labels` when asked. */
async function addVectors(db: AnyDb, dialect: DialectName, labels: boolean) {
  if (dialect !== "postgres") return;
  const withLabels = (text: string) =>
    sql.raw(labels ? ` || setweight(to_tsvector('english', ${text}), 'B')` : "");
  await sql`alter table article_fts
    add column document tsvector generated always as (
      setweight(to_tsvector('english', headline), 'A') ||
      setweight(to_tsvector('english', body), 'B') ||
      setweight(to_tsvector('simple', cjk), 'B')${withLabels("labels")}
    ) stored,
    add column summary tsvector generated always as (
      setweight(to_tsvector('english', headline), 'A') ||
      setweight(to_tsvector('english', left(body, 600)), 'B') ||
      setweight(to_tsvector('simple', left(cjk, 200)), 'B')${withLabels("left(labels, 200)")}
    ) stored`.execute(db);
  await sql`create index article_fts_document on article_fts using gin (document)`.execute(db);
  await sql`create index article_fts_summary on article_fts using gin (summary)`.execute(db);
}

interface ArticleSource {
  id: number;
  headline: string;
  plain_text: string;
  hashtag: string;
  hashtag_en: string;
  byline: string | null;
}

/** Every article's search entry, in batches by id. */
async function eachDocument(
  db: AnyDb,
  write: (batch: { id: number; doc: SearchDocument }[]) => Promise<void>,
) {
  for (let after = 0; ; ) {
    const { rows } = await sql<ArticleSource>`
      select article.id, article.headline, article.plain_text, article.hashtag,
        article.hashtag_en, author.name as byline
      from article left join author on author.id = article.author_id
      where article.id > ${after} order by article.id limit ${BATCH}`.execute(db);
    const last = rows.at(-1);
    if (!last) return;
    const { rows: tagRows } = await sql<{ article_id: number; name: string }>`
      select article_tag.article_id, tag.name from article_tag
      join tag on tag.id = article_tag.tag_id
      where article_tag.article_id >= ${rows[0]?.id ?? 0} and article_tag.article_id <= ${last.id}
      order by article_tag.article_id, article_tag.position`.execute(db);
    const tags = new Map<number, string[]>();
    for (const t of tagRows) tags.set(t.article_id, [...(tags.get(t.article_id) ?? []), t.name]);
    await write(
      rows.map((r) => ({
        id: Number(r.id),
        doc: searchDocument({
          headline: r.headline,
          body: r.plain_text,
          hashtag: r.hashtag,
          hashtagEn: r.hashtag_en,
          tags: tags.get(r.id) ?? [],
          byline: r.byline ?? "",
        }),
      })),
    );
    after = Number(last.id);
  }
}
