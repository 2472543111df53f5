// `npm run build` (also run by `npm ci` through `prepare`, and before `npm start` when a
// source changed): bundles the server, the CLI and the cluster launcher into dist/ with
// esbuild, so a start loads a few JavaScript files instead of transpiling hundreds of
// TypeScript modules through tsx's loader (seconds of CPU on every start). Packages stay
// external: Node loads them from node_modules. Plain JavaScript on purpose: it must run
// before anything is compiled.
//
//   node scripts/build.mjs            build
//   node scripts/build.mjs --if-stale build only when a source file is newer than the last build
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "dist");
const STAMP = join(OUT, ".built");
/** What the bundles are made of: a change to any of these makes dist/ stale. */
const INPUTS = ["src", "scripts/cluster.ts", "scripts/build.mjs", "package.json", "tsconfig.json"];
const ENTRIES = { main: "src/main.ts", resou: "src/cli/resou.ts", cluster: "scripts/cluster.ts" };

function newestInput(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestInput(join(path, name)));
  return newest;
}

function isStale() {
  let built;
  try {
    built = statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  return INPUTS.some((input) => newestInput(join(ROOT, input)) > built);
}

/**
 * Source files find their data beside them (`new URL("./assets/x.css", import.meta.url)`);
 * bundled, `import.meta.url` would name dist/. Each such file gets its own source location
 * back, relative to the bundle so the checkout can move. Every output sits directly in dist/.
 */
const sourceLocation = {
  name: "source-location",
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      const fromDist = relative(OUT, args.path).split(sep).join("/");
      const url = `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`;
      return {
        contents: text.replaceAll("import.meta.url", url),
        loader: args.path.endsWith(".tsx") ? "tsx" : "ts",
        resolveDir: dirname(args.path),
      };
    });
  },
};

/** Bundles into dist/ (esbuild is loaded only here: a fresh build costs a start nothing). */
export async function buildAll() {
  const { build } = await import("esbuild");
  // Built aside and swapped in whole: a process starting meanwhile never sees half a dist/.
  const next = `${OUT}.${process.pid}`;
  await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: next,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    chunkNames: "[name]-[hash]",
    sourcemap: "linked",
    // No keepNames: its helper wraps every closure as it is created, hot paths included.
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    plugins: [sourceLocation],
    logLevel: "warning",
  });
  writeFileSync(join(next, ".built"), `${new Date().toISOString()}\n`);
  rmSync(OUT, { recursive: true, force: true });
  renameSync(next, OUT);
}

/** Builds unless dist/ is newer than every source file (a few milliseconds of stat calls). */
export async function ensureBuilt() {
  if (isStale()) await buildAll();
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  await (process.argv.includes("--if-stale") ? ensureBuilt() : buildAll());
}
