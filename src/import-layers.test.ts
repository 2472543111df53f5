import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = dirname(fileURLToPath(import.meta.url));

/** Every module that ships: tests are leaves nothing imports, so they cannot close a loop. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const topFolder = (file: string): string => relative(SRC, file).split("/")[0] ?? "";

/** Top-level folder → the folders it imports, each with one file that does it (for the message). */
function folderImports(files: string[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const specifier = /(?:from\s+|import\s*\(\s*|import\s+)"(\.{1,2}\/[^"]+)"/g;
  for (const file of files) {
    const from = topFolder(file);
    if (!from || from.includes(".")) continue;
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, "utf8").matchAll(specifier)) {
      const target = normalize(join(dirname(file), match[1] ?? ""));
      if (!target.startsWith(SRC)) continue;
      const to = topFolder(target);
      if (to && to !== from && !to.includes(".") && !edges.has(to)) {
        edges.set(to, relative(SRC, file));
      }
    }
  }
  return graph;
}

/** Strongly connected groups of more than one folder (Tarjan): each is an import loop. */
function importLoops(graph: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(to) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) loops.push(group.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return loops;
}

describe("imports between top-level folders under src/", () => {
  it("form no loop", () => {
    const graph = folderImports(sourceFiles(SRC));
    const described = importLoops(graph).map((group) =>
      group
        .flatMap((from) =>
          [...(graph.get(from) ?? [])]
            .filter(([to]) => group.includes(to))
            .map(([to, file]) => `${from} → ${to} (${file})`),
        )
        .join("; "),
    );
    expect(described).toEqual([]);
  });

  it("finds a loop when one exists", () => {
    const graph = new Map([
      ["site", new Map([["trends", "site/a.ts"]])],
      ["trends", new Map([["web", "trends/b.ts"]])],
      ["web", new Map([["site", "web/c.ts"]])],
      ["core", new Map<string, string>()],
    ]);
    expect(importLoops(graph)).toEqual([["site", "trends", "web"]]);
  });

  it("reads the imports of real files", () => {
    const graph = folderImports(sourceFiles(join(SRC, "app")));
    expect([...(graph.get("app")?.keys() ?? [])]).toEqual(
      expect.arrayContaining(["site", "web", "newsroom"]),
    );
  });
});
