import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import { Layout } from "../../web/layout.js";
import type { SiteContext } from "../../web/site-context.js";
import { urls } from "../../web/urls.js";
import { formatDuration } from "../trend-brief.js";
import type { TopicFacts } from "../trend-queries.js";
import { MachineTranslatedMark } from "./machine-translated-mark.js";
import { rankHeatChartSvg } from "./rank-chart-svg.js";
import { dateTime, heatText, LABEL_NAMES } from "./trend-format.js";

const STATE_TEXT: Record<string, string> = {
  new: "New on the list",
  rising: "Rising",
  falling: "Falling",
  steady: "Holding its rank",
  gone: "Off the list",
};

/** Everything stored about one topic: its facts and its full rank and heat curve. */
function timeOfDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(
    new Date(iso),
  );
}

export function topicChart(
  facts: TopicFacts,
  timeZone: string,
  options: { width?: number; height?: number; id?: string } = {},
): string {
  const shown = facts.isHashtag ? `#${facts.word}#` : facts.word;
  return rankHeatChartSvg(facts.points, {
    ...options,
    title: `Rank and heat of ${shown} on Weibo's hot search list`,
    desc:
      facts.points.length === 0
        ? "No ranked sightings recorded."
        : `${facts.points.length} sightings from ${dateTime(facts.firstSeenAt, timeZone)} to ${dateTime(facts.lastSeenAt, timeZone)}; best rank ${facts.peakRank ?? "none"}, highest heat ${heatText(facts.peakHeat)}.`,
    // A small chart has room for a time of day at each end, not a full date and time.
    formatTime: (iso) =>
      (options.width ?? 640) < 480 ? timeOfDay(iso, timeZone) : dateTime(iso, timeZone),
  });
}

export const TopicPage: FC<{
  site: SiteContext;
  facts: TopicFacts;
  coverage: { slug: string; headline: string } | null;
}> = ({ site, facts, coverage }) => {
  const shown = facts.isHashtag ? `#${facts.word}#` : facts.word;
  const searchUrl = `https://s.weibo.com/weibo?q=${encodeURIComponent(facts.query)}`;
  return (
    <Layout
      site={site}
      meta={{
        title: facts.titleEn ? `${facts.titleEn} (${shown})` : shown,
        description: `How ${shown} moved on Weibo's hot search list: best rank ${facts.peakRank ?? "—"}, highest heat ${heatText(facts.peakHeat)}.`,
        path: urls.topic(facts.id),
      }}
    >
      <h1 class="page-title">
        <span lang="zh-Hans">{shown}</span>
        {facts.titleEn ? (
          <span class="trend-en" lang="en">
            {" "}
            — {facts.titleEn}
            {facts.titleEnMachine ? <MachineTranslatedMark model={facts.titleEnModel} /> : null}
          </span>
        ) : null}
      </h1>
      <p class="dek">{STATE_TEXT[facts.state] ?? facts.state}</p>
      <figure>
        {raw(topicChart(facts, site.timeZone))}
        <figcaption>
          Rank (solid, left axis, No. 1 at the top) and heat (dashed, right axis), {site.timeZone}{" "}
          time.
        </figcaption>
      </figure>
      <h2>Facts</h2>
      <dl class="trend-facts">
        <dt>First seen</dt>
        <dd>
          <time datetime={facts.firstSeenAt}>{dateTime(facts.firstSeenAt, site.timeZone)}</time>
        </dd>
        <dt>Last seen</dt>
        <dd>
          <time datetime={facts.lastSeenAt}>{dateTime(facts.lastSeenAt, site.timeZone)}</time>
        </dd>
        <dt>Time on the list</dt>
        <dd>
          {facts.secondsOnList > 0
            ? formatDuration(facts.secondsOnList)
            : "under one polling interval"}
        </dd>
        <dt>Peak rank</dt>
        <dd>{facts.peakRank ?? "—"}</dd>
        <dt>Peak heat</dt>
        <dd>{heatText(facts.peakHeat)}</dd>
        <dt>Sightings</dt>
        <dd>{facts.snapshotCount}</dd>
        <dt>Labels</dt>
        <dd>
          {facts.labels.length > 0
            ? facts.labels.map((l) => `${l} (${LABEL_NAMES[l] ?? "flag"})`).join(", ")
            : "none"}
        </dd>
        <dt>On Weibo</dt>
        <dd>
          <a href={searchUrl} rel="nofollow noopener">
            Search {shown} on Weibo
          </a>
        </dd>
        {coverage ? (
          <>
            <dt>Our coverage</dt>
            <dd>
              <a href={urls.article(coverage.slug)}>{coverage.headline}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href="/trends">Back to the hot search list</a>
      </p>
    </Layout>
  );
};
