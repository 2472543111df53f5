import type { Kysely } from "kysely";
import { listCategories } from "../content/taxonomy-queries.js";
import type { CategoryRow, Tables } from "../db/schema.js";

/**
 * The categories every page's navigation shows, read once and kept until a settings change
 * says they changed (categories are written only at boot and through settings). Concurrent
 * first readers share one query.
 */
export class CategoryMemo {
  #rows: Promise<CategoryRow[]> | undefined;

  list(db: Kysely<Tables>): Promise<CategoryRow[]> {
    if (!this.#rows) {
      const rows = listCategories(db);
      this.#rows = rows;
      // A failed read is not kept: the next request asks the database again.
      rows.catch(() => {
        if (this.#rows === rows) this.#rows = undefined;
      });
    }
    return this.#rows;
  }

  clear(): void {
    this.#rows = undefined;
  }
}
