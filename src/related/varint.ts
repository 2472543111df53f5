/**
 * Compact storage of sorted unsigned integer sets (term ids of an article): deltas as
 * LEB128 varints, about 1.5 bytes an id instead of 4.
 */
export function encodeSortedIds(ids: readonly number[]): Uint8Array {
  const sorted = [...ids].sort((a, b) => a - b);
  const bytes: number[] = [];
  let prev = 0;
  for (const id of sorted) {
    let delta = id - prev;
    prev = id;
    while (delta >= 0x80) {
      bytes.push((delta & 0x7f) | 0x80);
      delta = Math.floor(delta / 128);
    }
    bytes.push(delta);
  }
  return Uint8Array.from(bytes);
}

export function decodeSortedIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  let prev = 0;
  let value = 0;
  let shift = 1;
  for (const b of bytes) {
    value += (b & 0x7f) * shift;
    if (b & 0x80) {
      shift *= 128;
      continue;
    }
    prev += value;
    ids.push(prev);
    value = 0;
    shift = 1;
  }
  return ids;
}
