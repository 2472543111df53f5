export type DiffLine = { op: "same" | "add" | "del"; text: string };

const MAX_CELLS = 4_000_000;

/**
 * Line diff by longest common subsequence: the lines only in `before` are deletions, the
 * lines only in `after` additions. Very large inputs fall back to "all removed, all added"
 * rather than spending unbounded memory.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).map((text): DiffLine => ({ op: "same", text }));
  const tail = a.slice(endA).map((text): DiffLine => ({ op: "same", text }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    return [
      ...head,
      ...midA.map((text): DiffLine => ({ op: "del", text })),
      ...midB.map((text): DiffLine => ({ op: "add", text })),
      ...tail,
    ];
  }
  // lcs[i][j] = LCS length of midA[i..] and midB[j..], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        midA[i] === midB[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const middle: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (midA[i] === midB[j]) {
      middle.push({ op: "same", text: midA[i] ?? "" });
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      middle.push({ op: "del", text: midA[i++] ?? "" });
    } else {
      middle.push({ op: "add", text: midB[j++] ?? "" });
    }
  }
  while (i < n) middle.push({ op: "del", text: midA[i++] ?? "" });
  while (j < m) middle.push({ op: "add", text: midB[j++] ?? "" });
  return [...head, ...middle, ...tail];
}
