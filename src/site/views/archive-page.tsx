import type { FC } from "hono/jsx";
import type { PublicationMonth } from "../../content/archive-queries.js";
import { Layout } from "../../web/layout.js";
import type { SiteContext } from "../../web/site-context.js";
import { urls } from "../../web/urls.js";

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export const ArchiveIndexPage: FC<{ site: SiteContext; months: PublicationMonth[] }> = ({
  site,
  months,
}) => (
  <Layout
    site={site}
    meta={{
      title: "Archive",
      description: "Every month we have published articles.",
      path: "/archive",
    }}
  >
    <h1 class="page-title">Archive</h1>
    {months.length ? (
      <ul class="story-list">
        {months.map((m) => (
          <li>
            <a href={urls.archiveMonth(Number(m.year), Number(m.month))}>
              {MONTH_NAMES[Number(m.month) - 1]} {m.year}
            </a>{" "}
            ({m.count} {m.count === 1 ? "article" : "articles"})
          </li>
        ))}
      </ul>
    ) : (
      <p>No articles here yet.</p>
    )}
  </Layout>
);
