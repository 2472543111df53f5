import { Hono } from "hono";
import { publicCheckSummary } from "../../checks/check-run-store.js";
import { findArticleBySlug, relatedArticleList } from "../../content/article-queries.js";
import { loadCitedSources } from "../../content/cited-sources.js";
import { isSlug } from "../../content/slug.js";
import { toZonedIso } from "../../content/zoned-time.js";
import { articleImage } from "../../media/article-image.js";
import { topicFactsForHashtag } from "../../trends/trend-queries.js";
import { HashtagTrendBox } from "../../trends/web/hashtag-trend-box.js";
import { cacheTags } from "../../web/cache-tags.js";
import { Layout } from "../../web/layout.js";
import { MessagePage } from "../../web/message-page.js";
import { HTML, renderToString, sendBody } from "../../web/page-response.js";
import { absoluteUrl } from "../../web/site-context.js";
import { loadSiteContext, siteCategories } from "../../web/site-context-loader.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { urls } from "../../web/urls.js";
import { breadcrumbJsonLd, newsArticleJsonLd } from "../json-ld.js";
import { ArticlePage } from "../views/article-page.js";
import { notFound } from "./list-routes.js";

export const RELATED_COUNT = 5;

/** `/news/:slug`: the article, 404 when unknown, 410 when unpublished. */
export function articleRoutes(deps: SiteDeps) {
  const app = new Hono();
  app.get("/news/:slug", async (c) => {
    const slug = c.req.param("slug");
    // Validated before anything else: the value reaches a query, a header and the page.
    if (!isSlug(slug)) return notFound(c, deps);
    const now = deps.clock.now().toISOString();
    const site = await loadSiteContext(deps, c.req.path);
    const article = await findArticleBySlug(deps.database.db, slug);
    const visible = article?.status === "published" && article.publishedAt <= now;
    if (!article || !visible) {
      const removed = article?.status === "unpublished";
      const page = removed ? (
        <MessagePage
          site={site}
          title="This article has been removed"
          message="The article that was here has been withdrawn by our editors."
        />
      ) : (
        <MessagePage site={site} title="Page not found" message="We could not find that article." />
      );
      return sendBody(
        c,
        await renderToString(page),
        HTML,
        { tags: [cacheTags.slug(slug)], maxAge: 30 },
        removed ? 410 : 404,
      );
    }
    const category = (await siteCategories(deps)).find((c) => c.slug === article.category.slug);
    const relatedList = await relatedArticleList(
      deps.database.db,
      { id: article.id, publishedAt: article.publishedAt, categoryId: category?.id ?? 0 },
      now,
      RELATED_COUNT,
    );
    const related = relatedList.articles;
    // Without a stored list the box shows the category's nearest stories, which change with
    // every story published in the category.
    const fallbackCategory = relatedList.stored ? undefined : category;
    const trend = article.hashtag
      ? await topicFactsForHashtag(deps.database.db, article.hashtag)
      : null;
    const image = await articleImage(deps.database.db, article);
    const path = urls.article(article.slug);
    const canonicalUrl = absoluteUrl(site, path);
    const description = article.dek || article.plainText.slice(0, 200).replace(/\s+\S*$/, "…");
    const page = (
      <Layout
        site={site}
        withScript
        meta={{
          title: article.headline,
          description,
          path,
          type: "article",
          ...(image.share
            ? {
                imageUrl: image.share.url,
                imageWidth: image.share.width,
                imageHeight: image.share.height,
                imageAlt: image.share.alt,
              }
            : {
                imageUrl: article.imageUrl || undefined,
                imageAlt: article.imageAlt || undefined,
              }),
          feeds: {
            title: `${site.siteName}: ${article.category.name}`,
            base: urls.category(article.category.slug),
          },
          extraMeta: [
            ["article:published_time", toZonedIso(article.publishedAt, article.timeZone)],
            ["article:modified_time", toZonedIso(article.updatedAt, article.timeZone)],
            ["article:section", article.category.name],
            ...article.tags.map((t): [string, string] => ["article:tag", t.name]),
          ],
          jsonLd: [
            newsArticleJsonLd(site, article, path, image.share),
            breadcrumbJsonLd(site, [
              { name: "Home", path: "/" },
              { name: article.category.name, path: urls.category(article.category.slug) },
              { name: article.headline, path },
            ]),
          ],
        }}
      >
        <ArticlePage
          view={{
            article,
            related,
            canonicalUrl,
            ...(image.lead ? { lead: image.lead } : {}),
            sources: await loadCitedSources(deps.database.db, article.id),
            checks: await publicCheckSummary(deps.database.db, article.id),
            ...(trend
              ? { hashtagFacts: <HashtagTrendBox facts={trend} timeZone={article.timeZone} /> }
              : {}),
          }}
        />
      </Layout>
    );
    const newest = [
      article.updatedAt,
      ...(image.uploadedAt ? [image.uploadedAt] : []),
      ...related.map((r) => r.updatedAt),
    ]
      .sort()
      .at(-1);
    return sendBody(c, await renderToString(page), HTML, {
      lastModified: newest,
      tags: [
        cacheTags.article(article.id),
        cacheTags.relatedOf(article.id),
        ...(fallbackCategory ? [cacheTags.category(fallbackCategory.id)] : []),
        ...related.map((r) => cacheTags.article(r.id)),
        ...(trend ? [cacheTags.topic(trend.id)] : []),
      ],
      maxAge: 300,
    });
  });
  return app;
}
