import { readFileSync } from "node:fs";

/** One hostile string from `test/fixtures/xss/vectors.txt`. */
export interface XssVector {
  /** 1-based position in the corpus, for naming records and reporting. */
  n: number;
  text: string;
  /** In the fast tier that `npm test` runs. */
  fast: boolean;
  /** The `## …` heading the vector sits under. */
  kind: string;
}

const CORPUS = new URL("../fixtures/xss/vectors.txt", import.meta.url);

/** `\u{HEX}` is the corpus's only escape: one code point. */
function decodeEscapes(text: string): string {
  return text.replace(/\\u\{([0-9a-fA-F]{1,6})\}/g, (_, hex: string) =>
    String.fromCodePoint(Number.parseInt(hex, 16)),
  );
}

/** Parses the corpus file: `F <vector>` (fast tier) or `- <vector>`; `#` lines are notes. */
export function parseVectors(source: string): XssVector[] {
  const vectors: XssVector[] = [];
  let kind = "";
  for (const line of source.split("\n")) {
    if (line.startsWith("## ")) kind = line.slice(3).trim();
    if (line.startsWith("#") || line.trim() === "") continue;
    const tier = line.slice(0, 2);
    if (tier !== "F " && tier !== "- ") throw new Error(`vectors.txt: bad line ${line}`);
    vectors.push({
      n: vectors.length + 1,
      text: decodeEscapes(line.slice(2)),
      fast: tier === "F ",
      kind,
    });
  }
  return vectors;
}

export function loadVectors(tier: "fast" | "all"): XssVector[] {
  const all = parseVectors(readFileSync(CORPUS, "utf8"));
  return tier === "all" ? all : all.filter((v) => v.fast);
}
