import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import { Layout } from "../../web/layout.js";
import type { SiteContext } from "../../web/site-context.js";
import { urls } from "../../web/urls.js";
import type { HotSearchNow } from "../trend-queries.js";
import { MachineTranslatedMark } from "./machine-translated-mark.js";
import { sparklineSvg } from "./rank-chart-svg.js";
import { dateTime, heatText, LABEL_NAMES, minutesText, movementText } from "./trend-format.js";

/** "Hot search now": the latest list in English, with movement, age, sparkline and coverage. */
export const HotSearchPage: FC<{ site: SiteContext; now: HotSearchNow }> = ({ site, now }) => (
  <Layout
    site={site}
    meta={{
      title: "Hot search now",
      description:
        "Weibo's real-time hot search list, tracked every minute, with rank movement and our coverage.",
      path: "/trends",
    }}
  >
    <h1 class="page-title">Hot search now</h1>
    {now.snapshot ? (
      <p class="dek">
        Weibo's real-time hot search list as of{" "}
        <time datetime={now.snapshot.capturedAt}>
          {dateTime(now.snapshot.capturedAt, site.timeZone)}
        </time>{" "}
        ({site.timeZone}). Pinned and advertising slots are left out.
      </p>
    ) : (
      <p class="dek">No hot-search list has been recorded yet.</p>
    )}
    {now.rows.length > 0 ? (
      <table class="trend-table">
        <caption class="visually-hidden">
          Ranked topics with heat, label, movement and time on the list
        </caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Topic</th>
            <th scope="col">Heat</th>
            <th scope="col">Label</th>
            <th scope="col">Move</th>
            <th scope="col">On list</th>
            <th scope="col">Last 24 h</th>
            <th scope="col">Our coverage</th>
          </tr>
        </thead>
        <tbody>
          {now.rows.map((row) => {
            const move = movementText(row.movement);
            const shown = row.isHashtag ? `#${row.word}#` : row.word;
            return (
              <tr>
                <td>{row.rank}</td>
                <th scope="row">
                  <a href={urls.topic(row.topicId)} lang="zh-Hans">
                    {shown}
                  </a>
                  {row.titleEn ? (
                    <span class="trend-en" lang="en">
                      {" "}
                      {row.titleEn}
                      {row.titleEnMachine ? (
                        <MachineTranslatedMark model={row.titleEnModel} />
                      ) : null}
                    </span>
                  ) : null}
                  {row.isCommercial ? <small> (promoted)</small> : null}
                </th>
                <td>{heatText(row.heat, row.heatCategory)}</td>
                <td>
                  {row.label ? <abbr title={LABEL_NAMES[row.label] ?? ""}>{row.label}</abbr> : ""}
                </td>
                <td>
                  <span aria-hidden="true">{move.mark}</span>
                  <span class="visually-hidden">{move.label}</span>
                </td>
                <td>{minutesText(row.minutesOnList)}</td>
                <td>
                  {raw(sparklineSvg(row.sparkline, `Rank over the last 24 hours of ${shown}`))}
                </td>
                <td>
                  {row.coverage ? (
                    <a href={urls.article(row.coverage.slug)}>{row.coverage.headline}</a>
                  ) : (
                    ""
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    ) : null}
  </Layout>
);
