import { rankHeight, samplePoints } from "./digest-format.js";
import type { RankPoint } from "./digest-model.js";

/**
 * A small inline SVG rank chart for the web version: the line is the topic's rank through
 * the window (higher is better), with the day's frame. SVG presentation attributes only
 * (no style attribute), so the site's content security policy allows it; `currentColor`
 * follows the page's text colour in light and dark themes. Email never gets SVG (most
 * clients strip it): see `rank-spark-table.tsx`.
 */
export function rankSparkSvg(
  points: RankPoint[],
  window: { start: string; end: string },
  label: string,
): string {
  const width = 120;
  const height = 28;
  const t0 = Date.parse(window.start);
  const span = Math.max(1, Date.parse(window.end) - t0);
  const sampled = samplePoints(points, 120);
  const x = (at: string) => ((Date.parse(at) - t0) / span) * width;
  const y = (rank: number) => 2 + (1 - rankHeight(rank)) * (height - 4);
  const path = sampled
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(p.at).toFixed(1)},${y(p.rank).toFixed(1)}`)
    .join("");
  const dots =
    sampled.length === 1 && sampled[0]
      ? `<circle cx="${x(sampled[0].at).toFixed(1)}" cy="${y(sampled[0].rank).toFixed(1)}" r="2" fill="#b3261e"/>`
      : "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeAttribute(label)}">`,
    `<line x1="0" x2="${width}" y1="${height - 1}" y2="${height - 1}" stroke="currentColor" stroke-opacity="0.3"/>`,
    path ? `<path d="${path}" fill="none" stroke="#b3261e" stroke-width="2"/>` : "",
    dots,
    "</svg>",
  ].join("");
}

function escapeAttribute(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
