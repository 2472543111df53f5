import { raw } from "hono/html";
import type { Child, FC } from "hono/jsx";
import type { PublicCheckSummary } from "../../checks/check-run-store.js";
import type { ArticleFull, ArticleSummary } from "../../content/article-queries.js";
import { bodyHtmlOf } from "../../content/body-html.js";
import { linkCitationMarkers } from "../../content/citation-markers.js";
import type { CitedSource } from "../../content/cited-sources.js";
import { slugify } from "../../content/slug.js";
import { formatLongDate } from "../../content/zoned-time.js";
import type { PictureView } from "../../media/picture-view.js";
import { urls } from "../../web/urls.js";
import { shareLinks, weiboSearchUrl } from "../share-links.js";
import { Picture } from "./picture.js";
import { StoryMeta } from "./story-list.js";

export interface ArticleView {
  article: ArticleFull;
  related: ArticleSummary[];
  canonicalUrl: string;
  /** Extra facts for the hashtag box (the trend tracker's rank/heat), when known. */
  hashtagFacts?: Child;
  /** Cited sources in citation order; `[n]` markers link to the n-th. Empty: no list. */
  sources?: CitedSource[];
  /** Counts from the newest claim check; null or absent for stories never checked. */
  checks?: PublicCheckSummary | null;
  /** The uploaded lead image, drawn under the byline (never the share card). */
  lead?: PictureView;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * "How we checked this story": counts and a date only. A `<details>` with a `<summary>`
 * (not a heading) so the page's heading outline stays as it was.
 */
const CheckNote: FC<{ checks: PublicCheckSummary; timeZone: string }> = ({ checks, timeZone }) => (
  <details class="check-note">
    <summary>How we checked this story</summary>
    <ul>
      <li>
        Our automated claim checks read {plural(checks.sentences, "sentence", "sentences")} against{" "}
        {plural(checks.sources, "cited source", "cited sources")} on{" "}
        <time datetime={checks.checkedAt}>{formatLongDate(checks.checkedAt, timeZone)}</time>,
        looking at numbers, dates, quotes, names, titles and attributions.
      </li>
      {checks.openErrors > 0 ? null : checks.errors > 0 ? (
        <li>
          Every error-level flag the checks raised ({checks.errors}) was fixed or overridden before
          publishing.
        </li>
      ) : (
        <li>The checks raised no error-level flags.</li>
      )}
      <li>
        {checks.overridden === 0
          ? "Editors overrode no flags."
          : `Editors overrode ${plural(checks.overridden, "flag", "flags")}, each with a recorded reason.`}
      </li>
    </ul>
  </details>
);

const SourcesList: FC<{ sources: CitedSource[]; timeZone: string }> = ({ sources, timeZone }) => (
  <section class="sources" aria-labelledby="sources-title">
    <h2 id="sources-title">Sources</h2>
    <ol>
      {sources.map((s, i) => (
        <li id={`source-${i + 1}`}>
          {s.outlet ? `${s.outlet}: ` : ""}
          <a href={s.url} rel="noopener noreferrer">
            {s.title || s.url}
          </a>
          {s.publishedAt && !Number.isNaN(Date.parse(s.publishedAt)) ? (
            <>
              , <time datetime={s.publishedAt}>{formatLongDate(s.publishedAt, timeZone)}</time>
            </>
          ) : null}
        </li>
      ))}
    </ol>
  </section>
);

const HashtagBox: FC<{ article: ArticleFull; facts?: Child }> = ({ article, facts }) => (
  <aside class="hashtag-box" aria-labelledby="hashtag-title">
    <h2 id="hashtag-title">Trending on Weibo</h2>
    <p class="zh" lang="zh-CN">
      #{article.hashtag}#
    </p>
    {article.hashtagEn ? <p class="en">{article.hashtagEn}</p> : null}
    {facts ?? null}
    <p>
      <a href={weiboSearchUrl(article.hashtag)} rel="noopener">
        See the hashtag on Weibo<span class="visually-hidden"> (opens weibo.com)</span>
      </a>
    </p>
  </aside>
);

const ShareBox: FC<{ url: string; title: string }> = ({ url, title }) => (
  <section class="share" aria-labelledby="share-title" data-share data-url={url} data-title={title}>
    <h2 id="share-title">Share this article</h2>
    <ul>
      {shareLinks(url, title).map((link) => (
        <li>
          <a href={link.href} data-network={link.network} rel="noopener noreferrer">
            {link.label}
          </a>
        </li>
      ))}
      <li>
        <button type="button" data-copy-link hidden>
          Copy link
        </button>
      </li>
      <li>
        <button type="button" data-native-share hidden>
          More options…
        </button>
      </li>
    </ul>
    <p class="share-status" data-share-status aria-live="polite" />
  </section>
);

function sectionId(heading: string, index: number): string {
  return `s${index + 1}-${slugify(heading, 40)}`;
}

// Editors fix typos within the hour without it counting as an update readers should see.
const UPDATE_NOTICE_MS = 60 * 60 * 1000;

export const ArticlePage: FC<{ view: ArticleView }> = ({ view }) => {
  const { article } = view;
  const sources = view.sources ?? [];
  // Stored with the article when current (a preview renders its unsaved Markdown here).
  const html = bodyHtmlOf(article);
  // With sources, markers become footnote links; without, the body renders as it always did.
  const body = (part: string) =>
    sources.length ? linkCitationMarkers(part, sources.length) : part;
  const updated =
    Date.parse(article.updatedAt) - Date.parse(article.publishedAt) > UPDATE_NOTICE_MS;
  return (
    <article class="article" aria-labelledby="headline">
      <p class="kicker">
        <a href={urls.category(article.category.slug)}>{article.category.name}</a>
      </p>
      <h1 id="headline">{article.headline}</h1>
      {article.dek ? <p class="dek">{article.dek}</p> : null}
      <div class="byline-row">
        <span class="byline">
          By <a href={urls.byline(article.author.slug)}>{article.author.name}</a>
        </span>
        <time class="dateline" datetime={article.publishedAt}>
          {formatLongDate(article.publishedAt, article.timeZone)}
        </time>
        {updated ? (
          <span>
            Updated{" "}
            <time datetime={article.updatedAt}>
              {formatLongDate(article.updatedAt, article.timeZone)}
            </time>
          </span>
        ) : null}
        <span>{Math.max(1, Math.round(article.wordCount / 230))} min read</span>
      </div>
      {view.lead ? (
        <Picture
          picture={view.lead}
          sizes="(min-width: 760px) 720px, calc(100vw - 2rem)"
          eager
          className="lead-picture"
        />
      ) : null}
      {article.isDemo ? (
        <p class="demo-note">
          Demo article: sample text shipped with Resou to show how pages look.
        </p>
      ) : null}
      {article.hashtag ? <HashtagBox article={article} facts={view.hashtagFacts} /> : null}
      <div class="article-body">
        {article.lead ? <div class="lead">{raw(body(html.lead))}</div> : null}
        {article.sections.map((section, i) => {
          const id = sectionId(section.heading, i);
          return (
            <section aria-labelledby={id}>
              <h2 id={id}>{section.heading}</h2>
              {raw(body(html.sections[i] ?? ""))}
            </section>
          );
        })}
      </div>
      {sources.length ? <SourcesList sources={sources} timeZone={article.timeZone} /> : null}
      {view.checks ? <CheckNote checks={view.checks} timeZone={article.timeZone} /> : null}
      {article.corrections.map((c) => (
        <aside class="correction" aria-label="Correction">
          <h2>
            Correction,{" "}
            <time datetime={c.notedAt}>{formatLongDate(c.notedAt, article.timeZone)}</time>
          </h2>
          <p>{c.text}</p>
        </aside>
      ))}
      {article.tags.length ? (
        <ul class="tags" aria-label="Tags">
          {article.tags.map((t) => (
            <li>
              <a href={urls.tag(t.slug)}>{t.name}</a>
            </li>
          ))}
        </ul>
      ) : null}
      <ShareBox url={view.canonicalUrl} title={article.headline} />
      {view.related.length ? (
        <section class="related" aria-labelledby="related-title">
          <h2 id="related-title">Related Articles</h2>
          <ul class="story-list">
            {view.related.map((r) => (
              <li>
                <h3>
                  <a href={urls.article(r.slug)}>{r.headline}</a>
                </h3>
                <StoryMeta article={r} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
};
