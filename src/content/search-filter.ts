import { sql } from "kysely";

export interface SearchFilter {
  categoryId?: number | undefined;
  tagId?: number | undefined;
  /** Inclusive UTC ISO bounds on the publication time. */
  from?: string | undefined;
  to?: string | undefined;
}

/** One ranked article id; the ranking functions return them best first. */
export interface RankedRow {
  id: number;
}

/** Ranking stops here; nobody pages past a thousand results. */
export const MAX_RANKED = 1000;

/** Without filters the best matches are final, so ranking can stop early. */
export function unfiltered(filter: SearchFilter): boolean {
  return Object.values(filter).every((v) => v === undefined);
}

/** Published, public by `now`, and inside the reader's filters; on the `article` table. */
export function filterSql(filter: SearchFilter, now: string) {
  const conditions = [sql`article.status = 'published'`, sql`article.published_at <= ${now}`];
  if (filter.categoryId !== undefined)
    conditions.push(sql`article.category_id = ${filter.categoryId}`);
  if (filter.from !== undefined) conditions.push(sql`article.published_at >= ${filter.from}`);
  if (filter.to !== undefined) conditions.push(sql`article.published_at <= ${filter.to}`);
  if (filter.tagId !== undefined) {
    conditions.push(
      sql`exists (select 1 from article_tag where article_tag.article_id = article.id and article_tag.tag_id = ${filter.tagId})`,
    );
  }
  return sql.join(conditions, sql` and `);
}
