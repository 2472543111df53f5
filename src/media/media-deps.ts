import type { Config } from "../config/env.js";
import { mediaRoot } from "./media-root.js";
import { diskMediaStore } from "./storage/disk-media-store.js";
import type { MediaStore } from "./storage/media-store.js";

/** What media code needs from the app: a store of its own, or the disk store by config. */
export interface MediaDeps {
  config: Pick<Config, "DATA_DIR" | "DATABASE_URL">;
  /** Where uploads are kept; the disk store under the data folder when absent. */
  media?: MediaStore;
}

const diskStores = new Map<string, MediaStore>();

export function mediaStoreOf(deps: MediaDeps): MediaStore {
  if (deps.media) return deps.media;
  const root = mediaRoot(deps.config);
  let store = diskStores.get(root);
  if (!store) {
    store = diskMediaStore(root);
    diskStores.set(root, store);
  }
  return store;
}
