import type { FC } from "hono/jsx";
import type { ArticleSummary } from "../../content/article-queries.js";
import type { HotRow } from "../../trends/trend-queries.js";
import { MachineTranslatedMark } from "../../trends/web/machine-translated-mark.js";
import { Layout } from "../../web/layout.js";
import type { PageMeta, SiteContext } from "../../web/site-context.js";
import { urls } from "../../web/urls.js";
import { StoryList, StoryMeta } from "./story-list.js";

export interface HomeView {
  top?: ArticleSummary | undefined;
  latest: ArticleSummary[];
  byCategory: { slug: string; name: string; articles: ArticleSummary[] }[];
  /** The top of Weibo's hot-search list right now, when the tracker has one. */
  hot: HotRow[];
}

const HotNow: FC<{ rows: HotRow[] }> = ({ rows }) => (
  <section aria-labelledby="hot-title" class="hot-now">
    <h2 id="hot-title" class="section-title">
      <a href="/trends">Hot on Weibo now</a>
    </h2>
    <ol>
      {rows.map((row) => (
        <li>
          <a href={urls.topic(row.topicId)} lang="zh-CN">
            {row.isHashtag ? `#${row.word}#` : row.word}
          </a>
          {row.titleEn ? (
            <span class="trend-en" lang="en">
              {row.titleEn}
              {row.titleEnMachine ? <MachineTranslatedMark model={row.titleEnModel} /> : null}
            </span>
          ) : null}
          {row.coverage ? (
            <span class="trend-en">
              Our story: <a href={urls.article(row.coverage.slug)}>{row.coverage.headline}</a>
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  </section>
);

export const HomePage: FC<{ site: SiteContext; meta: PageMeta; view: HomeView }> = ({
  site,
  meta,
  view,
}) => (
  <Layout site={site} meta={meta}>
    <h1 class="visually-hidden">{site.siteName}: latest stories</h1>
    {view.top ? (
      <div class={view.hot.length ? "home-grid" : "home-grid solo"}>
        <div>
          <section class="lead-story" aria-labelledby="top-story">
            <p class="kicker">
              <a href={urls.category(view.top.category.slug)}>{view.top.category.name}</a>
            </p>
            <h2 id="top-story">
              <a href={urls.article(view.top.slug)}>{view.top.headline}</a>
            </h2>
            {view.top.dek ? <p class="dek">{view.top.dek}</p> : null}
            <StoryMeta article={view.top} />
          </section>
          {view.latest.length ? (
            <section aria-labelledby="latest-title">
              <h2 id="latest-title" class="section-title">
                Latest
              </h2>
              <StoryList articles={view.latest} />
            </section>
          ) : null}
        </div>
        {view.hot.length ? (
          <aside aria-label="Weibo hot search">
            <HotNow rows={view.hot} />
          </aside>
        ) : null}
      </div>
    ) : (
      <p>No articles have been published yet.</p>
    )}
    <div class="category-grid">
      {view.byCategory
        .filter((c) => c.articles.length > 0)
        .map((c) => (
          <section aria-labelledby={`cat-${c.slug}`}>
            <h2 id={`cat-${c.slug}`} class="section-title">
              <a href={urls.category(c.slug)}>{c.name}</a>
            </h2>
            <StoryList articles={c.articles} showDek={false} />
          </section>
        ))}
    </div>
  </Layout>
);
