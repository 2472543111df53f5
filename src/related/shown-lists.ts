import type { RelatedHit, RelatedId } from "./related-types.js";

/**
 * The last list computed for each article and its reverse (which lists show an article),
 * so an edit or removal knows whose lists to recompute.
 */
export class ShownLists {
  private lists = new Map<RelatedId, RelatedId[]>();
  private shownIn = new Map<RelatedId, Set<RelatedId>>();

  /** Records `id`'s new list, replacing its previous one. */
  remember(id: RelatedId, hits: readonly RelatedHit[]): void {
    this.forget(id);
    const ids = hits.map((h) => h.id);
    this.lists.set(id, ids);
    for (const member of ids) {
      let set = this.shownIn.get(member);
      if (!set) {
        set = new Set();
        this.shownIn.set(member, set);
      }
      set.add(id);
    }
  }

  /** Drops `id`'s own list (lists that show `id` stay until they are recomputed). */
  forget(id: RelatedId): void {
    for (const member of this.lists.get(id) ?? []) this.shownIn.get(member)?.delete(id);
    this.lists.delete(id);
  }

  /** Articles whose last computed list shows `id`. */
  holders(id: RelatedId): RelatedId[] {
    return [...(this.shownIn.get(id) ?? [])];
  }

  clear(): void {
    this.lists.clear();
    this.shownIn.clear();
  }
}
