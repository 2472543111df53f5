import type { FC } from "hono/jsx";
import type { ArticleSummary } from "../../content/article-queries.js";
import { formatShortDate } from "../../content/zoned-time.js";
import { urls } from "../../web/urls.js";

/** Title, byline, category and short date: the parts every article list shows. */
export const StoryMeta: FC<{ article: ArticleSummary }> = ({ article }) => (
  <p class="meta">
    <a href={urls.byline(article.author.slug)}>{article.author.name}</a>
    {" · "}
    <a href={urls.category(article.category.slug)}>{article.category.name}</a>
    {" · "}
    <time datetime={article.publishedAt}>
      {formatShortDate(article.publishedAt, article.timeZone)}
    </time>
    {article.isDemo ? (
      <>
        {" · "}
        <span class="demo-mark">Demo article</span>
      </>
    ) : null}
  </p>
);

export const StoryList: FC<{
  articles: ArticleSummary[];
  headingLevel?: 2 | 3;
  showDek?: boolean;
}> = ({ articles, headingLevel = 3, showDek = true }) => (
  <ul class="story-list">
    {articles.map((a) => {
      const link = <a href={urls.article(a.slug)}>{a.headline}</a>;
      return (
        <li>
          {headingLevel === 2 ? <h2 class="story-title">{link}</h2> : <h3>{link}</h3>}
          {showDek && a.dek ? <p>{a.dek}</p> : null}
          <StoryMeta article={a} />
        </li>
      );
    })}
  </ul>
);

export const Pagination: FC<{ prev?: string | undefined; next?: string | undefined }> = ({
  prev,
  next,
}) =>
  prev || next ? (
    <nav class="pagination" aria-label="Pages">
      {prev ? (
        <a href={prev} rel="prev">
          ← Newer
        </a>
      ) : (
        <span />
      )}
      {next ? (
        <a href={next} rel="next">
          Older →
        </a>
      ) : (
        <span />
      )}
    </nav>
  ) : null;
