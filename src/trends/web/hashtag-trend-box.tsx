import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import { urls } from "../../web/urls.js";
import { formatDuration } from "../trend-brief.js";
import type { TopicFacts } from "../trend-queries.js";
import { topicChart } from "./topic-page.js";
import { heatText } from "./trend-format.js";

/**
 * For the article page's hashtag box: peak rank, peak heat, time on the list and a small
 * chart, linking to the topic page. Load the facts with `topicFactsForHashtag`.
 */
export const HashtagTrendBox: FC<{ facts: TopicFacts; timeZone: string }> = ({
  facts,
  timeZone,
}) => (
  <div class="hashtag-trend">
    <dl>
      <dt>Peak rank</dt>
      <dd>{facts.peakRank ?? "—"}</dd>
      <dt>Peak heat</dt>
      <dd>{heatText(facts.peakHeat)}</dd>
      <dt>Time on the list</dt>
      <dd>{facts.secondsOnList > 0 ? formatDuration(facts.secondsOnList) : "under an hour"}</dd>
    </dl>
    {raw(topicChart(facts, timeZone, { width: 320, height: 140, id: `trend-${facts.id}` }))}
    <p>
      <a href={urls.topic(facts.id)}>Full rank history</a>
    </p>
  </div>
);
