import { sql } from "kysely";
import type { AnyDb, DialectMigration } from "../migration-kit.js";
import { withId } from "../migration-kit.js";

/** Categories, bylines, articles, tags, corrections, related lists and search. */
export const contentMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await withId(db.schema.createTable("category"), dialect)
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
      .execute();

    await withId(db.schema.createTable("author"), dialect)
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull().defaultTo("desk"))
      .addColumn("bio", "text", (c) => c.notNull().defaultTo(""))
      .execute();

    await withId(db.schema.createTable("article"), dialect)
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("kind", "text", (c) => c.notNull().defaultTo("article"))
      .addColumn("headline", "text", (c) => c.notNull())
      .addColumn("dek", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("lead", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("sections", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("category_id", "integer", (c) => c.notNull().references("category.id"))
      .addColumn("author_id", "integer", (c) => c.notNull().references("author.id"))
      .addColumn("hashtag", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("hashtag_en", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("image_url", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("image_alt", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
      .addColumn("published_at", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addColumn("word_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("plain_text", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await db.schema
      .createIndex("article_status_published")
      .on("article")
      .columns(["status", "published_at"])
      .execute();
    await db.schema
      .createIndex("article_category_published")
      .on("article")
      .columns(["category_id", "status", "published_at"])
      .execute();
    await db.schema.createIndex("article_author").on("article").column("author_id").execute();
    // Covering index for "is this id public?": search checks thousands of matches, and
    // this index's pages are a fraction of the article table's.
    await db.schema
      .createIndex("article_visibility")
      .on("article")
      .columns(["id", "status", "published_at"])
      .execute();

    await withId(db.schema.createTable("tag"), dialect)
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("article_tag")
      .addColumn("article_id", "integer", (c) =>
        c.notNull().references("article.id").onDelete("cascade"),
      )
      .addColumn("tag_id", "integer", (c) => c.notNull().references("tag.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint("article_tag_pk", ["article_id", "tag_id"])
      .execute();
    await db.schema.createIndex("article_tag_tag").on("article_tag").column("tag_id").execute();

    await withId(db.schema.createTable("article_correction"), dialect)
      .addColumn("article_id", "integer", (c) =>
        c.notNull().references("article.id").onDelete("cascade"),
      )
      .addColumn("noted_at", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("article_correction_article")
      .on("article_correction")
      .column("article_id")
      .execute();

    await db.schema
      .createTable("article_related")
      .addColumn("article_id", "integer", (c) =>
        c.notNull().references("article.id").onDelete("cascade"),
      )
      .addColumn("related_id", "integer", (c) =>
        c.notNull().references("article.id").onDelete("cascade"),
      )
      .addColumn("rank", "integer", (c) => c.notNull())
      .addColumn("score", "real", (c) => c.notNull())
      .addPrimaryKeyConstraint("article_related_pk", ["article_id", "rank"])
      .execute();
    await db.schema
      .createIndex("article_related_related")
      .on("article_related")
      .column("related_id")
      .execute();

    if (dialect === "sqlite") {
      // FTS5 table keyed by article id (it keeps its own copy of the text so snippet() works);
      // porter stemming for English. `cjk` holds the Chinese text cut into words by jieba,
      // space-separated, because the unicode61 tokenizer would index a whole run of Chinese
      // characters as one token and never match a word inside it.
      await sql`create virtual table article_fts using fts5(headline, body, cjk, tokenize='porter unicode61 remove_diacritics 2')`.execute(
        db,
      );
    } else {
      await sql`create table article_fts (
        rowid integer primary key references article(id) on delete cascade,
        headline text not null,
        body text not null,
        cjk text not null default '',
        document tsvector generated always as (
          setweight(to_tsvector('english', headline), 'A') ||
          setweight(to_tsvector('english', body), 'B') ||
          setweight(to_tsvector('simple', cjk), 'B')
        ) stored,
        -- Ranking reads this small vector (headline and opening words), never the whole
        -- article's, which PostgreSQL keeps out of line and must fetch and decompress.
        summary tsvector generated always as (
          setweight(to_tsvector('english', headline), 'A') ||
          setweight(to_tsvector('english', left(body, 600)), 'B') ||
          setweight(to_tsvector('simple', left(cjk, 200)), 'B')
        ) stored,
        -- The headline alone, for the first tier when a word is in too many articles to
        -- rank them all (see search-queries.ts).
        head tsvector generated always as (
          setweight(to_tsvector('english', headline), 'A') ||
          setweight(to_tsvector('simple', left(cjk, 100)), 'B')
        ) stored
      )`.execute(db);
      await sql`create index article_fts_document on article_fts using gin (document)`.execute(db);
      await sql`create index article_fts_head on article_fts using gin (head)`.execute(db);
    }
  },
  async down(db: AnyDb) {
    for (const table of [
      "article_fts",
      "article_related",
      "article_correction",
      "article_tag",
      "tag",
      "article",
      "author",
      "category",
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
});
