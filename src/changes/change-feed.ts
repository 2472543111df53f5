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
}
