import type { RankPoint } from "./card-trend.js";

/** Ranks drawn on the card's axis: the hot search list has at most 50 ranked places. */
export const WORST_RANK = 50;
const MAX_SEGMENTS = 300;

/**
 * The topic's rank over time as an SVG (No. 1 at the top), drawn without text so it
 * renders the same anywhere. Long histories are thinned to the best rank per time slice:
 * a card has 1000-odd pixels, and a day of minute polls has 1440 points.
 */
export function rankCurveSvg(points: RankPoint[], width: number, height: number): string | null {
  const sorted = points
    .map((p) => ({ t: Date.parse(p.at), rank: Math.min(Math.max(p.rank, 1), WORST_RANK) }))
    .filter((p) => Number.isFinite(p.t))
    .sort((a, b) => a.t - b.t);
  if (sorted.length === 0) return null;
  const first = sorted[0]?.t ?? 0;
  const span = Math.max((sorted.at(-1)?.t ?? first) - first, 1);
  const slices = new Map<number, { t: number; rank: number }>();
  for (const p of sorted) {
    const slice = Math.floor(((p.t - first) / span) * MAX_SEGMENTS);
    const held = slices.get(slice);
    if (!held || p.rank < held.rank) slices.set(slice, p);
  }
  const pad = 6;
  const x = (t: number) => pad + ((t - first) / span) * (width - 2 * pad);
  const y = (rank: number) => pad + ((rank - 1) / (WORST_RANK - 1)) * (height - 2 * pad);
  const thinned = [...slices.values()].sort((a, b) => a.t - b.t);
  // One sighting is a dot; more make a line with the area under it lightly filled.
  if (thinned.length === 1) {
    const only = thinned[0] ?? { t: first, rank: WORST_RANK };
    return svg(
      width,
      height,
      `<circle cx="${(width / 2).toFixed(1)}" cy="${y(only.rank).toFixed(1)}" r="8" fill="#b3261e"/>`,
    );
  }
  const line = thinned
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(p.t).toFixed(1)} ${y(p.rank).toFixed(1)}`)
    .join(" ");
  const area = `${line} L${x(thinned.at(-1)?.t ?? first).toFixed(1)} ${height} L${x(first).toFixed(1)} ${height} Z`;
  return svg(
    width,
    height,
    `<path d="${area}" fill="#b3261e" fill-opacity="0.12"/><path d="${line}" fill="none" stroke="#b3261e" stroke-width="5" stroke-linejoin="round" stroke-linecap="round"/>`,
  );
}

function svg(width: number, height: number, body: string): string {
  const grid = [1, 10, 20, 30, 40, 50]
    .map((rank) => {
      const y = 6 + ((rank - 1) / (WORST_RANK - 1)) * (height - 12);
      return `<line x1="0" x2="${width}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e4e0dc" stroke-width="2"/>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${grid}${body}</svg>`;
}
