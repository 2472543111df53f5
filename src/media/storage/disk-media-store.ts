import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { contentTypeOfKey, isMediaKey, type MediaStore, type StoredObject } from "./media-store.js";

function checked(key: string): string {
  if (!isMediaKey(key)) throw new Error(`not a media key: ${JSON.stringify(key)}`);
  return key;
}

/**
 * Media as files under one folder. Writes go to a temporary name and are renamed into
 * place, so a reader never sees half a file and a crash leaves no truncated object.
 */
export function diskMediaStore(root: string): MediaStore {
  const pathOf = (key: string) => join(root, ...checked(key).split("/"));
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    },
    async get(key): Promise<StoredObject | null> {
      try {
        return { bytes: await readFile(pathOf(key)), contentType: contentTypeOfKey(key) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
