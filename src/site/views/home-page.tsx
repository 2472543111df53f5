import type { FC } from "hono/jsx";
import type { ArticleSummary } from "../../content/article-queries.js";
import type { PictureView } from "../../media/picture-view.js";
import { MachineTranslatedMark } from "../../trends/web/machine-translated-mark.js";
import { ReplayNote } from "../../trends/web/replay-note.js";
import { timeOfDay } from "../../trends/web/trend-format.js";
import { Layout } from "../../web/layout.js";
import type { PageMeta, SiteContext } from "../../web/site-context.js";
import { urls } from "../../web/urls.js";
import type { HomeData, TrendingModule } from "../home/home-data.js";
import { Picture } from "./picture.js";
import { StoryMeta } from "./story-list.js";

export type HomeView = HomeData;

/**
 * A generated share card repeats the headline printed beside it, so there it is decorative
 * (empty alt); an uploaded photo keeps the alt text the editor wrote.
 */
function beside(picture: PictureView): PictureView {
  return picture.isCard ? { ...picture, alt: "" } : picture;
}

/** A story in the grid or a category row: headline and meta, the dek where there is room. */
const StoryCard: FC<{ article: ArticleSummary; showDek?: boolean; picture?: PictureView }> = ({
  article,
  showDek = false,
  picture,
}) => (
  <li class={picture ? "card with-picture" : "card"}>
    {picture ? (
      <Picture
        picture={beside(picture)}
        className="card-picture"
        sizes="(min-width: 80rem) 17rem, (min-width: 64rem) 20vw, (min-width: 40rem) 45vw, 6.5rem"
      />
    ) : null}
    <div class="card-text">
      <h3>
        <a href={urls.article(article.slug)}>{article.headline}</a>
      </h3>
      {showDek && article.dek ? <p class="card-dek">{article.dek}</p> : null}
      <StoryMeta article={article} />
    </div>
  </li>
);

const LeadStory: FC<{ article: ArticleSummary; picture?: PictureView | undefined }> = ({
  article,
  picture,
}) => (
  <section class={picture ? "lead-story with-picture" : "lead-story"} aria-labelledby="lead-title">
    {picture ? (
      <Picture
        picture={beside(picture)}
        className="lead-picture"
        eager={true}
        sizes="(min-width: 80rem) 34rem, (min-width: 64rem) 42vw, (min-width: 48rem) 58vw, 100vw"
      />
    ) : null}
    <div class="lead-text">
      <p class="kicker">
        <a href={urls.category(article.category.slug)}>{article.category.name}</a>
      </p>
      <h2 id="lead-title">
        <a href={urls.article(article.slug)}>{article.headline}</a>
      </h2>
      {article.dek ? <p class="dek">{article.dek}</p> : null}
      <StoryMeta article={article} />
    </div>
  </section>
);

/** The top of Weibo's list: rank, topic, English title where stored, our story when we wrote one. */
const Trending: FC<{ module: TrendingModule; timeZone: string }> = ({ module, timeZone }) => (
  <section class="trending" aria-labelledby="trending-title">
    <h2 id="trending-title" class="section-title">
      <a href="/trends">{module.replay ? "Trending on Weibo" : "Trending on Weibo now"}</a>
    </h2>
    {module.replay ? (
      <ReplayNote span={module.replay} timeZone={timeZone}>
        Recorded lists shipped as demo data, not today's.
      </ReplayNote>
    ) : (
      <p class="meta">
        Hot-search list of{" "}
        <time datetime={module.capturedAt}>{timeOfDay(module.capturedAt, timeZone)}</time>, without
        advertising slots.
      </p>
    )}
    <ol class="trending-list">
      {module.rows.map((row) => (
        <li value={row.rank}>
          <a href={urls.topic(row.topicId)} lang="zh-Hans">
            {row.isHashtag ? `#${row.word}#` : row.word}
          </a>
          {row.titleEn ? (
            <span class="trend-en" lang="en">
              {row.titleEn}
              {row.titleEnMachine ? <MachineTranslatedMark model={row.titleEnModel} /> : null}
            </span>
          ) : null}
          {row.coverage ? (
            <span class="our-story">
              <span class="story-label">Our story: </span>
              <a class="trend-story" href={urls.article(row.coverage.slug)}>
                {row.coverage.headline}
              </a>
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
    <div class={view.trending ? "front" : "front solo"}>
      <div class="front-main">
        {view.lead ? (
          <LeadStory article={view.lead} picture={view.pictures.get(view.lead.id)} />
        ) : (
          <p>No articles have been published yet.</p>
        )}
        {view.grid.length > 0 ? (
          <section class="top-stories" aria-labelledby="top-stories-title">
            <h2 id="top-stories-title" class="section-title">
              Top stories
            </h2>
            <ul class="card-grid">
              {view.grid.map((a) => {
                const picture = view.pictures.get(a.id);
                return picture ? (
                  <StoryCard article={a} showDek={true} picture={picture} />
                ) : (
                  <StoryCard article={a} showDek={true} />
                );
              })}
            </ul>
          </section>
        ) : null}
      </div>
      {view.trending ? (
        <aside class="front-aside" aria-label="Weibo hot search">
          <Trending module={view.trending} timeZone={site.timeZone} />
        </aside>
      ) : null}
    </div>
    {view.rows.map((row) => (
      <section class="category-row" aria-labelledby={`cat-${row.slug}`}>
        <h2 id={`cat-${row.slug}`} class="section-title">
          <a href={urls.category(row.slug)}>{row.name}</a>
        </h2>
        <ul class="card-grid row">
          {row.articles.map((a) => (
            <StoryCard article={a} />
          ))}
        </ul>
      </section>
    ))}
  </Layout>
);
