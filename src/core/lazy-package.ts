import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use instead of at import: jsdom alone costs over a
 * second of CPU to load, which every process start would otherwise pay before it listens,
 * whether or not it ever renders Markdown or reads a web page. Synchronous, so callers that
 * are synchronous stay so; `runtime/start.ts` loads the page-serving ones right after the
 * server listens, so no reader waits for them on a first request either.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(name) as T;
    return loaded;
  };
}
