/** Types of `scripts/build.mjs` (plain JavaScript so it runs before anything is compiled). */
export function buildAll(): Promise<void>;
export function ensureBuilt(): Promise<void>;
