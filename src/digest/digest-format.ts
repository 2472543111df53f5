import { formatLongDate } from "../content/zoned-time.js";
import type { Digest, DigestTopic, RankPoint } from "./digest-model.js";
import type { DigestWindow } from "./digest-window.js";

/** "3 h 20 min", "45 min", "under a minute". */
export function formatMinutes(minutes: number): string {
  if (minutes <= 0) return "under a minute";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Wall-clock time of an instant in the digest zone, "14:22". */
export function formatClock(utcIso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(utcIso));
}

/** "Tuesday 26 August 2025" or "The week to Sunday 31 August 2025". */
export function issueTitle(window: DigestWindow): string {
  const noon = `${window.day}T12:00:00Z`;
  const weekday = new Intl.DateTimeFormat("en-GB", { weekday: "long", timeZone: "UTC" }).format(
    new Date(noon),
  );
  const date = formatLongDate(noon, "UTC");
  return window.edition === "weekly" ? `The week to ${weekday} ${date}` : `${weekday} ${date}`;
}

/** "Daily digest" or "Weekly digest": how every format names the issue's edition. */
export function editionName(window: Pick<DigestWindow, "edition">): string {
  return window.edition === "weekly" ? "Weekly digest" : "Daily digest";
}

/** "day" or "week": the stretch an issue covers, for sentences such as "no stories this …". */
export function periodWord(window: Pick<DigestWindow, "edition">): string {
  return window.edition === "weekly" ? "week" : "day";
}

/** The editor's note as paragraphs: plain text split at blank lines, blanks dropped. */
export function noteParagraphs(note: string): string[] {
  return note
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The topic as a reader sees it: the English title when stored, else the Chinese words. */
export function topicHeading(topic: DigestTopic): string {
  return topic.titleEn || topic.word;
}

/** Site path of an issue's web version. */
export function issuePath(window: Pick<DigestWindow, "edition" | "day">): string {
  return window.edition === "weekly" ? `/digest/week/${window.day}` : `/digest/${window.day}`;
}

/** One line of facts under a topic, the same in every format. */
export function topicFacts(topic: DigestTopic, timeZone: string): string {
  const parts = [
    `peak #${topic.peakRank} at ${formatClock(topic.peakAt, timeZone)}`,
    `${formatMinutes(topic.minutesOnList)} on the list`,
  ];
  if (topic.rise) {
    parts.push(
      `climbed ${topic.rise.from - topic.rise.to} places (#${topic.rise.from} → #${topic.rise.to}) by ${formatClock(topic.rise.at, timeZone)}`,
    );
  }
  if (topic.boomAt) parts.push(`爆 from ${formatClock(topic.boomAt, timeZone)}`);
  return parts.join(" · ");
}

/** Short plain description of an issue, for feeds, meta tags and the email preheader. */
export function issueSummary(digest: Digest): string {
  const top = digest.topByPeak[0];
  const lead = top ? `Top of Weibo: ${topicHeading(top)}.` : "No hot-search captures stored.";
  const count = digest.articles.length;
  return `${lead} ${count === 1 ? "1 story" : `${count} stories`} from our desk.`;
}

/** Heights of a rank chart: 1 (top of the list) is tallest, 50 or below is the floor. */
export function rankHeight(rank: number, maxRank = 50): number {
  return Math.max(0, Math.min(1, (maxRank - rank + 1) / maxRank));
}

const BLOCKS = "▁▂▃▄▅▆▇█";

/**
 * A text sparkline of rank (taller is higher on the list), at most `width` characters:
 * long days are sampled evenly, so the text part shows the same shape as the HTML chart.
 */
export function textSparkline(points: RankPoint[], width = 24): string {
  return samplePoints(points, width)
    .map((p) => BLOCKS[Math.min(7, Math.floor(rankHeight(p.rank) * 7.999))] ?? "▁")
    .join("");
}

/** Evenly spaced points (first and last kept) so charts stay small on minute-polled days. */
export function samplePoints(points: RankPoint[], max: number): RankPoint[] {
  if (points.length <= max) return points;
  const out: RankPoint[] = [];
  for (let i = 0; i < max; i++) {
    const p = points[Math.round((i * (points.length - 1)) / (max - 1))];
    if (p) out.push(p);
  }
  return out;
}
