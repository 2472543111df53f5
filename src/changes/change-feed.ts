import type { RecordedChange } from "./change.js";

/** Receives committed changes in id order; a slow listener delays later batches, never skips them. */
export type ChangeListener = (changes: readonly RecordedChange[]) => void | Promise<void>;

/**
 * Every committed change, delivered to each process that subscribes, whichever process made
 * it: the one way cached pages, related lists, feeds and sitemaps learn of a write.
 */
export interface ChangeFeed {
  /** Starts delivering changes committed after this call; returns the unsubscribe. */
  subscribe(listener: ChangeListener): () => void;
  /**
   * Called by a writer after its commit: hands every committed change (through `throughId`,
   * default all) to this process's listeners now, then waits until every other live process
   * has done the same, bounded (~1 s, then a logged warning). When it resolves, no process
   * serves what the write replaced.
   */
  settle(throughId?: number): Promise<void>;
}
