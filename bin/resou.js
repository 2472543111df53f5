#!/usr/bin/env node
// Launcher for `npx resou …`: runs the bundled CLI (dist/, built by `npm ci` through
// `prepare`), rebuilding it first if a source file changed since, so it never runs old code.
import { ensureBuilt } from "../scripts/build.mjs";

await ensureBuilt();
await import(new URL("../dist/resou.js", import.meta.url).href);
