/**
 * Newsworthiness of a trending topic from its stored curve, 0 to 100, in five parts:
 *
 * | part      | max | from                                                                 |
 * | --------- | --- | -------------------------------------------------------------------- |
 * | rank      | 30  | best rank in the window: 1 → 30, 50 → 0.6 (linear)                  |
 * | heat      | 25  | peak heat, log scale: 50,000 → 0, 5,000,000 and more → 25           |
 * | velocity  | 20  | fastest of: rank places climbed per hour over the last two hours     |
 * |           |     | (10 an hour is full marks; entering the list counts as from 51,      |
 * |           |     | over an hour at least), and                                          |
 * |           |     | heat growth over the same span (4× is full marks)                    |
 * | time      | 15  | time on the list: 6 hours or more is full marks                      |
 * | label     | 10  | strongest label seen: 爆 10, 沸 8, 热 6, 新 3, none 0              |
 *
 * A paid topic (ranked but carrying `ads_word`) counts half. The category (Weibo's, or the
 * entertainment board of the heat string such as 综艺/剧集) is reported; the newsroom
 * settings decide which categories may start a story, not the score.
 */
export interface CurvePoint {
  capturedAt: string;
  rank: number;
  heat: number | null;
  label: string;
  heatCategory: string;
  isCommercial: boolean;
}

export interface TopicCurve {
  topicId: number;
  word: string;
  category: string;
  secondsOnList: number;
  /** Points in time order (oldest first), the window's only. */
  points: CurvePoint[];
}

export interface ScoreParts {
  rank: number;
  heat: number;
  velocity: number;
  time: number;
  label: number;
}

export interface TopicScore {
  topicId: number;
  word: string;
  score: number;
  parts: ScoreParts;
  category: string;
  commercial: boolean;
  bestRank: number | null;
  peakHeat: number | null;
}

const LABEL_POINTS: Record<string, number> = { 爆: 10, 沸: 8, 热: 6, 新: 3 };
const VELOCITY_SPAN_MS = 2 * 3_600_000;
const OFF_LIST_RANK = 51;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

function velocityOf(points: CurvePoint[], entered: boolean): number {
  const last = points.at(-1);
  if (!last) return 0;
  const end = Date.parse(last.capturedAt);
  const span = points.filter((p) => end - Date.parse(p.capturedAt) <= VELOCITY_SPAN_MS);
  const first = span[0] ?? last;
  const hours = Math.max((end - Date.parse(first.capturedAt)) / 3_600_000, 1);
  // A topic that just entered climbed from off the list; spread over an hour at least, so
  // one sighting at rank 48 is not "fast".
  const startRank = entered && span.length === points.length ? OFF_LIST_RANK : first.rank;
  const climb = clamp01((startRank - last.rank) / hours / 10);
  const growth =
    first.heat && last.heat && first.heat > 0 && span.length > 1
      ? clamp01(Math.log2(last.heat / first.heat) / 2)
      : 0;
  return Math.max(climb, growth);
}

/** The category a topic is filed under: Weibo's own, else its latest board tag. */
export function curveCategory(curve: Pick<TopicCurve, "category" | "points">): string {
  if (curve.category) return curve.category;
  for (let i = curve.points.length - 1; i >= 0; i--) {
    const tag = curve.points[i]?.heatCategory;
    if (tag) return tag;
  }
  return "";
}

/**
 * Scores one curve. `entered` says the window starts at the topic's first sighting (it came
 * onto the list inside the window), which counts as climbing from off the list.
 */
export function scoreCurve(curve: TopicCurve, entered: boolean): TopicScore {
  const points = curve.points;
  const ranks = points.map((p) => p.rank);
  const heats = points.map((p) => p.heat).filter((h): h is number => h !== null);
  const bestRank = ranks.length ? Math.min(...ranks) : null;
  const peakHeat = heats.length ? Math.max(...heats) : null;
  const labels = points.map((p) => LABEL_POINTS[p.label] ?? 0);
  const parts: ScoreParts = {
    rank: bestRank === null ? 0 : (30 * (OFF_LIST_RANK - Math.min(bestRank, 50))) / 50,
    heat: peakHeat === null ? 0 : 25 * clamp01(Math.log10(peakHeat / 50_000) / 2),
    velocity: 20 * velocityOf(points, entered),
    time: 15 * clamp01(curve.secondsOnList / (6 * 3_600)),
    label: labels.length ? Math.max(...labels) : 0,
  };
  const commercial = points.some((p) => p.isCommercial);
  const total = parts.rank + parts.heat + parts.velocity + parts.time + parts.label;
  return {
    topicId: curve.topicId,
    word: curve.word,
    score: round1(commercial ? total / 2 : total),
    parts: {
      rank: round1(parts.rank),
      heat: round1(parts.heat),
      velocity: round1(parts.velocity),
      time: round1(parts.time),
      label: parts.label,
    },
    category: curveCategory(curve),
    commercial,
    bestRank,
    peakHeat,
  };
}

/** Whether a category may start a story on its own under the include/exclude lists. */
export function categoryAllowed(category: string, include: string[], exclude: string[]): boolean {
  const base = category.split("-")[0] ?? category;
  const listed = (list: string[]) => list.some((c) => c === category || c === base);
  if (listed(exclude)) return false;
  return include.length === 0 || listed(include);
}
