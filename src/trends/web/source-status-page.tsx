import type { FC } from "hono/jsx";
import type { TrendFetchTable } from "../../db/schema.js";
import { Layout } from "../../web/layout.js";
import type { SiteContext } from "../../web/site-context.js";
import type { SourceHealth } from "../source-health.js";
import { dateTime } from "./trend-format.js";

type FetchRow = Omit<TrendFetchTable, "id"> & { id: number };

/** Operator view: each source's health and the latest fetch attempts with their reasons. */
export const SourceStatusPage: FC<{
  site: SiteContext;
  health: SourceHealth[];
  fetches: FetchRow[];
}> = ({ site, health, fetches }) => (
  <Layout
    site={site}
    meta={{
      title: "Hot-search sources",
      description: "Health of the Weibo hot-search sources.",
      path: "/trends/status",
      noindex: true,
    }}
  >
    <h1 class="page-title">Hot-search sources</h1>
    <table class="trend-table">
      <caption>Sources in failover order</caption>
      <thead>
        <tr>
          <th scope="col">Source</th>
          <th scope="col">Status</th>
          <th scope="col">Last success</th>
          <th scope="col">Last failure</th>
          <th scope="col">Failures in a row</th>
          <th scope="col">Totals (ok / failed)</th>
        </tr>
      </thead>
      <tbody>
        {health.map((h) => (
          <tr>
            <th scope="row">{h.source}</th>
            <td>
              {h.consecutiveFailures === 0
                ? h.lastSuccessAt
                  ? "healthy"
                  : "not polled yet"
                : "failing"}
            </td>
            <td>{h.lastSuccessAt ? dateTime(h.lastSuccessAt, site.timeZone) : "never"}</td>
            <td>
              {h.lastFailureAt
                ? `${dateTime(h.lastFailureAt, site.timeZone)}: ${h.lastFailureReason}`
                : "never"}
              {h.lastFailureDetail ? <small> ({h.lastFailureDetail})</small> : null}
            </td>
            <td>{h.consecutiveFailures}</td>
            <td>
              {h.totalSuccesses} / {h.totalFailures}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    <h2>Latest attempts</h2>
    <table class="trend-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Source</th>
          <th scope="col">Try</th>
          <th scope="col">Result</th>
          <th scope="col">HTTP</th>
          <th scope="col">Detail</th>
          <th scope="col">ms</th>
        </tr>
      </thead>
      <tbody>
        {fetches.map((f) => (
          <tr>
            <td>{dateTime(f.started_at, site.timeZone)}</td>
            <td>{f.source}</td>
            <td>{f.attempt}</td>
            <td>{f.reason}</td>
            <td>{f.http_status ?? ""}</td>
            <td>{f.detail}</td>
            <td>{f.duration_ms}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </Layout>
);
