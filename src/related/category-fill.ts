import type { RelatedDoc, RelatedHit, RelatedId } from "./related-types.js";
import { toEpochDays } from "./time-decay.js";

interface Entry {
  id: RelatedId;
  days: number;
}

/**
 * The articles of each category, newest first: what fills a related list when fewer
 * articles than it shows pass the engine's relevance floor. Fill is no claim of
 * relatedness, so its hits are marked `fill` (and scored 0).
 */
export class CategoryFill {
  private byCategory = new Map<string, Entry[]>();
  private categoryOf = new Map<RelatedId, string>();

  /** Adds or moves an article (its category or date may have changed). */
  add(doc: RelatedDoc): void {
    this.remove(doc.id);
    const category = doc.category ?? "";
    const entry = { id: doc.id, days: toEpochDays(doc.publishedAt) };
    const list = this.byCategory.get(category) ?? [];
    // Newest first; undated last; a tie keeps the higher id (the later import) first.
    let at = list.findIndex((e) => newer(entry, e));
    if (at < 0) at = list.length;
    list.splice(at, 0, entry);
    this.byCategory.set(category, list);
    this.categoryOf.set(doc.id, category);
  }

  remove(id: RelatedId): void {
    const category = this.categoryOf.get(id);
    if (category === undefined) return;
    const list = this.byCategory.get(category) ?? [];
    const at = list.findIndex((e) => e.id === id);
    if (at >= 0) list.splice(at, 1);
    this.categoryOf.delete(id);
  }

  /** `picks` completed to `size` from `id`'s category, newest first, skipping repeats. */
  complete(id: RelatedId, picks: readonly RelatedHit[], size: number): RelatedHit[] {
    const out = picks.slice(0, size);
    if (out.length >= size) return out;
    const taken = new Set<RelatedId>([id, ...out.map((h) => h.id)]);
    for (const e of this.byCategory.get(this.categoryOf.get(id) ?? "") ?? []) {
      if (out.length >= size) break;
      if (taken.has(e.id)) continue;
      taken.add(e.id);
      out.push({ id: e.id, score: 0, fill: true });
    }
    return out;
  }
}

function newer(a: Entry, b: Entry): boolean {
  const aKnown = !Number.isNaN(a.days);
  const bKnown = !Number.isNaN(b.days);
  if (aKnown !== bKnown) return aKnown;
  if (aKnown && a.days !== b.days) return a.days > b.days;
  return Number(a.id) > Number(b.id);
}
