import type { ChartPoint } from "../trend-queries.js";

/** The one place chart text is escaped. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Accessible name, e.g. `Rank and heat of #九三盛大阅兵#`. */
  title: string;
  /** Accessible description summarising the numbers. */
  desc: string;
  /** Formats an x-axis tick (ISO time → label). */
  formatTime: (iso: string) => string;
  /** Unique id prefix for `aria-labelledby` when several charts share a page. */
  id?: string;
  maxRank?: number;
}

/**
 * Server-rendered rank and heat chart: rank on the left axis (1 at the top), heat on the
 * right, time along the bottom. A pure function of the points; no script, no library.
 */
export function rankHeatChartSvg(points: ChartPoint[], options: ChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 260;
  const id = options.id ?? "chart";
  const pad = { left: 44, right: 64, top: 16, bottom: 36 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const maxRank = options.maxRank ?? 50;
  const times = points.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const heats = points.map((p) => p.heat).filter((h): h is number => h !== null);
  const maxHeat = heats.length > 0 ? Math.max(...heats) : 0;
  const x = (t: number) => pad.left + (t1 === t0 ? plotW / 2 : ((t - t0) / (t1 - t0)) * plotW);
  const yRank = (r: number) => pad.top + ((r - 1) / Math.max(1, maxRank - 1)) * plotH;
  const yHeat = (h: number) => pad.top + plotH - (maxHeat === 0 ? 0 : (h / maxHeat) * plotH);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" class="trend-chart">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(options.desc)}</desc>`,
    `<rect x="${pad.left}" y="${pad.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#ccc"/>`,
  ];
  for (const r of [1, 10, 20, 30, 40, 50].filter((r) => r <= maxRank)) {
    const y = yRank(r).toFixed(1);
    parts.push(
      `<line x1="${pad.left}" x2="${pad.left + plotW}" y1="${y}" y2="${y}" stroke="#eee"/>`,
      `<text x="${pad.left - 6}" y="${y}" font-size="11" text-anchor="end" dominant-baseline="middle" fill="#555">${r}</text>`,
    );
  }
  parts.push(
    `<text x="12" y="${pad.top + plotH / 2}" font-size="11" fill="#b3261e" transform="rotate(-90 12 ${pad.top + plotH / 2})" text-anchor="middle">Rank</text>`,
  );
  if (points.length === 0) {
    parts.push(
      `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-size="13" fill="#555">No data</text></svg>`,
    );
    return parts.join("");
  }
  if (maxHeat > 0) {
    for (const f of [0, 0.5, 1]) {
      const y = yHeat(maxHeat * f).toFixed(1);
      parts.push(
        `<text x="${pad.left + plotW + 6}" y="${y}" font-size="11" dominant-baseline="middle" fill="#1f5fa8">${formatCompact(maxHeat * f)}</text>`,
      );
    }
    const heatPath = points
      .filter((p) => p.heat !== null)
      .map(
        (p, i) =>
          `${i === 0 ? "M" : "L"}${x(Date.parse(p.at)).toFixed(1)},${yHeat(p.heat ?? 0).toFixed(1)}`,
      )
      .join(" ");
    parts.push(
      `<path d="${heatPath}" fill="none" stroke="#1f5fa8" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    );
  }
  const rankPath = points
    .map(
      (p, i) =>
        `${i === 0 ? "M" : "L"}${x(Date.parse(p.at)).toFixed(1)},${yRank(p.rank).toFixed(1)}`,
    )
    .join(" ");
  parts.push(`<path d="${rankPath}" fill="none" stroke="#b3261e" stroke-width="2"/>`);
  for (const p of points) {
    parts.push(
      `<circle cx="${x(Date.parse(p.at)).toFixed(1)}" cy="${yRank(p.rank).toFixed(1)}" r="2.5" fill="#b3261e"><title>${escapeXml(`${options.formatTime(p.at)}: No. ${p.rank}${p.heat === null ? "" : `, heat ${p.heat.toLocaleString("en-GB")}`}`)}</title></circle>`,
    );
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (first && last) {
    parts.push(
      `<text x="${pad.left}" y="${height - 12}" font-size="11" fill="#555">${escapeXml(options.formatTime(first.at))}</text>`,
      `<text x="${pad.left + plotW}" y="${height - 12}" font-size="11" text-anchor="end" fill="#555">${escapeXml(options.formatTime(last.at))}</text>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}

/** A 24-hour rank sparkline (rank 1 at the top) for the hot-search table. */
export function sparklineSvg(
  points: ChartPoint[],
  label: string,
  width = 96,
  height = 24,
  maxRank = 50,
): string {
  const head = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(label)}" class="trend-sparkline">`;
  if (points.length === 0) return `${head}</svg>`;
  const times = points.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (t: number) => (t1 === t0 ? width - 2 : 2 + ((t - t0) / (t1 - t0)) * (width - 4));
  const y = (r: number) => 2 + ((r - 1) / Math.max(1, maxRank - 1)) * (height - 4);
  const d = points
    .map(
      (p, i) => `${i === 0 ? "M" : "L"}${x(Date.parse(p.at)).toFixed(1)},${y(p.rank).toFixed(1)}`,
    )
    .join(" ");
  const last = points[points.length - 1];
  const dot = last
    ? `<circle cx="${x(Date.parse(last.at)).toFixed(1)}" cy="${y(last.rank).toFixed(1)}" r="2" fill="#b3261e"/>`
    : "";
  return `${head}<path d="${d}" fill="none" stroke="#b3261e" stroke-width="1.5"/>${dot}</svg>`;
}

/** 1234567 → 1.2M, 648472 → 648K. */
export function formatCompact(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${Math.round(n / 1_000)}K`;
  return String(Math.round(n));
}
