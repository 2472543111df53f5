import type { Kysely } from "kysely";
import { recordChange } from "../changes/record-change.js";
import type { Tables } from "../db/schema.js";
import { slugify } from "./slug.js";

export const DEFAULT_CATEGORIES = [
  "News & Politics",
  "Society",
  "Business & Tech",
  "Entertainment",
  "Sports",
] as const;

/**
 * Makes the configured categories exist, in the configured order. Categories are never
 * deleted here: articles may still point at one an operator removed from the list.
 */
export async function ensureCategories(db: Kysely<Tables>, names: readonly string[]) {
  await db.transaction().execute(async (trx) => {
    let changed = false;
    for (const [position, name] of names.entries()) {
      const slug = slugify(name);
      const found = await trx
        .selectFrom("category")
        .select(["id", "name", "position"])
        .where("slug", "=", slug)
        .executeTakeFirst();
      if (found && found.name === name && found.position === position) continue;
      changed = true;
      if (found) {
        await trx
          .updateTable("category")
          .set({ name, position })
          .where("id", "=", found.id)
          .execute();
      } else {
        await trx
          .insertInto("category")
          .values({ slug, name, position, description: "" })
          .execute();
      }
    }
    // Navigation and category pages show names and order: every process re-reads them.
    if (changed) await recordChange(trx, { kind: "settings", keys: ["categories"] });
  });
}
