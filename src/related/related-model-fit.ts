import { FEATURE_COUNT, PAIR_FEATURES } from "./pair-features.js";
import type { RelatedModelFile } from "./related-model.js";

/** Labelled feature rows: the pools of one corpus's queries. */
export interface TrainingSet {
  name: string;
  rows: Float64Array[];
  labels: Uint8Array;
  /** Each query's rows (`start`, `count`, contiguous) and how many articles are relevant to it. */
  queries?: { start: number; count: number; relevant: number }[];
}

export interface FitOptions {
  /** L2 penalty on the standardised weights (not on the bias). */
  ridge: number;
  iterations: number;
  floor: number;
}

/**
 * `floor` 0.5: the model's probabilities are calibrated, so a pick is claimed as related
 * only when the same story is more likely than not; the rest of a list is marked fill.
 */
export const DEFAULT_FIT: FitOptions = { ridge: 1, iterations: 25, floor: 0.5 };

/**
 * Logistic regression by Newton's method (iteratively reweighted least squares) with an L2
 * penalty, on standardised features; NaN values are the feature's mean. Each corpus weighs
 * the same in the fit whatever its size, so the biggest one does not decide alone.
 */
export function fitRelatedModel(
  sets: readonly TrainingSet[],
  options: FitOptions = DEFAULT_FIT,
  now = new Date(),
): RelatedModelFile {
  const d = FEATURE_COUNT;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  const counts = new Float64Array(d);
  for (const s of sets)
    for (const row of s.rows)
      row.forEach((x, i) => {
        if (Number.isNaN(x)) return;
        mean[i] = (mean[i] as number) + x;
        counts[i] = (counts[i] as number) + 1;
      });
  mean.forEach((sum, i) => {
    mean[i] = (counts[i] as number) > 0 ? sum / (counts[i] as number) : 0;
  });
  for (const s of sets)
    for (const row of s.rows)
      row.forEach((x, i) => {
        if (!Number.isNaN(x)) scale[i] = (scale[i] as number) + (x - (mean[i] as number)) ** 2;
      });
  scale.forEach((sum, i) => {
    const sd = Math.sqrt(sum / Math.max(1, counts[i] as number));
    scale[i] = sd > 1e-9 ? sd : 1;
  });

  // Design rows: bias first, then standardised features; per-row weight evens out corpora.
  const xs: Float64Array[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (const s of sets) {
    const w = 1 / Math.max(1, s.rows.length);
    s.rows.forEach((row, r) => {
      const x = new Float64Array(d + 1);
      x[0] = 1;
      row.forEach((v, i) => {
        x[i + 1] = Number.isNaN(v) ? 0 : (v - (mean[i] as number)) / (scale[i] as number);
      });
      xs.push(x);
      ys.push(s.labels[r] as number);
      ws.push(w);
    });
  }
  const total = ws.reduce((a, b) => a + b, 0) || 1;
  const beta = new Float64Array(d + 1);
  for (let it = 0; it < options.iterations; it++) {
    const grad = new Float64Array(d + 1);
    const hess = new Float64Array((d + 1) * (d + 1));
    xs.forEach((x, r) => {
      let z = 0;
      for (let i = 0; i <= d; i++) z += (beta[i] as number) * (x[i] as number);
      const p = 1 / (1 + Math.exp(-z));
      const w = (ws[r] as number) / total;
      const g = w * ((ys[r] as number) - p);
      const h = w * p * (1 - p);
      for (let i = 0; i <= d; i++) {
        grad[i] = (grad[i] as number) + g * (x[i] as number);
        for (let j = i; j <= d; j++)
          hess[i * (d + 1) + j] =
            (hess[i * (d + 1) + j] as number) + h * (x[i] as number) * (x[j] as number);
      }
    });
    const n = xs.length;
    for (let i = 1; i <= d; i++) {
      grad[i] = (grad[i] as number) - (options.ridge / n) * (beta[i] as number);
      hess[i * (d + 1) + i] = (hess[i * (d + 1) + i] as number) + options.ridge / n;
    }
    for (let i = 0; i <= d; i++)
      for (let j = 0; j < i; j++) hess[i * (d + 1) + j] = hess[j * (d + 1) + i] as number;
    const step = solve(hess, grad, d + 1);
    let moved = 0;
    for (let i = 0; i <= d; i++) {
      beta[i] = (beta[i] as number) + (step[i] as number);
      moved = Math.max(moved, Math.abs(step[i] as number));
    }
    if (moved < 1e-7) break;
  }
  return {
    version: 1,
    features: [...PAIR_FEATURES],
    mean: Array.from(mean),
    scale: Array.from(scale),
    weights: Array.from(beta.subarray(1)),
    bias: beta[0] as number,
    floor: options.floor,
    fittedOn: sets.map((s) => s.name),
    fittedAt: now.toISOString(),
  };
}

/** Solves A·x = b (A n×n, symmetric positive definite) by Gaussian elimination with pivoting. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(m[r * n + col] as number) > Math.abs(m[pivot * n + col] as number)) pivot = r;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        const t = m[col * n + c] as number;
        m[col * n + c] = m[pivot * n + c] as number;
        m[pivot * n + c] = t;
      }
      const t = x[col] as number;
      x[col] = x[pivot] as number;
      x[pivot] = t;
    }
    const diag = m[col * n + col] as number;
    if (Math.abs(diag) < 1e-12) continue;
    for (let r = col + 1; r < n; r++) {
      const f = (m[r * n + col] as number) / diag;
      if (f === 0) continue;
      for (let c = col; c < n; c++)
        m[r * n + c] = (m[r * n + c] as number) - f * (m[col * n + c] as number);
      x[r] = (x[r] as number) - f * (x[col] as number);
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r] as number;
    for (let c = r + 1; c < n; c++) s -= (m[r * n + c] as number) * (x[c] as number);
    const diag = m[r * n + r] as number;
    x[r] = Math.abs(diag) < 1e-12 ? 0 : s / diag;
  }
  return x;
}
