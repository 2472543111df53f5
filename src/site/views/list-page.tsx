import type { FC } from "hono/jsx";
import type { ArticleSummary } from "../../content/article-queries.js";
import { Layout } from "../../web/layout.js";
import type { PageMeta, SiteContext } from "../../web/site-context.js";
import { Pagination, StoryList } from "./story-list.js";

export interface ListView {
  heading: string;
  intro?: string;
  articles: ArticleSummary[];
  prev?: string | undefined;
  next?: string | undefined;
}

/** Category, tag, byline and archive pages share one shape. */
export const ListPage: FC<{ site: SiteContext; meta: PageMeta; view: ListView }> = ({
  site,
  meta,
  view,
}) => (
  <Layout site={site} meta={meta}>
    <h1 class="page-title">{view.heading}</h1>
    {view.intro ? <p class="dek">{view.intro}</p> : null}
    {/* Keeps heading order h1 → h2 → h3 for screen readers; story titles stay h3. */}
    <h2 class="visually-hidden">Articles</h2>
    {view.articles.length ? <StoryList articles={view.articles} /> : <p>No articles here yet.</p>}
    <Pagination prev={view.prev} next={view.next} />
  </Layout>
);
