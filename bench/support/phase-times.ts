/** Wall time per phase of an iteration, to see what one costs. */
export class PhaseTimes {
  readonly totals = new Map<string, number>();
  add(phase: string, since: number): number {
    const now = performance.now();
    this.totals.set(phase, (this.totals.get(phase) ?? 0) + now - since);
    return now;
  }
  report(iterations: number): string {
    return [...this.totals]
      .map(([phase, ms]) => `${phase} ${(ms / iterations).toFixed(0)} ms`)
      .join(", ");
  }
}
