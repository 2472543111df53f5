import { urls } from "../../web/urls.js";
import {
  editionName,
  issueTitle,
  periodWord,
  textSparkline,
  topicFacts,
  topicHeading,
} from "../digest-format.js";
import type { Digest, DigestTopic } from "../digest-model.js";
import type { EmailLinks } from "./email-links.js";

function topicLines(title: string, topics: DigestTopic[], digest: Digest, siteUrl: string) {
  if (topics.length === 0) return [];
  const lines = ["", title.toUpperCase(), ""];
  topics.forEach((t, i) => {
    lines.push(`${i + 1}. ${topicHeading(t)}${t.titleEn ? ` (${t.word})` : ""}`);
    lines.push(`   ${topicFacts(t, digest.window.timeZone)}`);
    lines.push(`   ${textSparkline(t.points)}`);
    lines.push(`   ${siteUrl}${urls.topic(t.topicId)}`);
  });
  return lines;
}

/** The plain-text part (and `resou digest preview --format text`). */
export function digestEmailText(
  digest: Digest,
  site: { siteName: string; siteUrl: string },
  links: EmailLinks | null,
): string {
  const lines = [
    `${site.siteName} ${editionName(digest.window).toLowerCase()}: ${issueTitle(digest.window)}`,
  ];
  if (links) lines.push(`On the web: ${links.web}`);
  if (digest.note.trim()) lines.push("", digest.note.trim());
  lines.push(
    ...topicLines("Top of the list", digest.topByPeak, digest, site.siteUrl),
    ...topicLines("Longest on the list", digest.topByTime, digest, site.siteUrl),
    ...topicLines("Fastest risers", digest.risers, digest, site.siteUrl),
    ...topicLines("New 爆 (explosive)", digest.booms, digest, site.siteUrl),
    "",
    "WHAT WE PUBLISHED",
    "",
  );
  if (digest.articles.length === 0) lines.push(`No stories this ${periodWord(digest.window)}.`);
  for (const a of digest.articles) {
    lines.push(`- ${a.headline} [${a.categoryName}]`, `  ${site.siteUrl}${urls.article(a.slug)}`);
  }
  lines.push(
    "",
    `Every number comes from the ${digest.snapshotCount} hot-search captures we stored; adverts and pinned rows are left out. Times are ${digest.window.timeZone}.`,
  );
  if (links) {
    lines.push("", `Preferences: ${links.preferences}`, `Unsubscribe: ${links.unsubscribe}`);
  }
  return `${lines.join("\n")}\n`;
}
