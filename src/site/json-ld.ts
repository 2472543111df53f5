import type { ArticleFull } from "../content/article-queries.js";
import { toZonedIso } from "../content/zoned-time.js";
import { mediaUrls } from "../media/media-urls.js";
import { absoluteUrl, type SiteContext } from "../web/site-context.js";
import { urls } from "../web/urls.js";

/** An image with its pixel size, as structured data wants it. */
export interface SizedImage {
  url: string;
  width: number;
  height: number;
}

/** The publisher: the 600×60 wordmark Google asks of Article publishers (not the favicon). */
export function publisherJsonLd(site: SiteContext): object {
  return {
    "@type": "NewsMediaOrganization",
    name: site.siteName,
    url: site.siteUrl,
    logo: {
      "@type": "ImageObject",
      url: absoluteUrl(site, mediaUrls.logoWide),
      width: 600,
      height: 60,
    },
  };
}

/**
 * schema.org NewsArticle for an article page, dates with their zone offset. `image` is the
 * uploaded lead image or the share card (sized); an imported image URL is used as given.
 */
export function newsArticleJsonLd(
  site: SiteContext,
  article: ArticleFull,
  path: string,
  image?: SizedImage,
): object {
  const url = absoluteUrl(site, path);
  const authorUrl = absoluteUrl(site, urls.byline(article.author.slug));
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    headline: article.headline.slice(0, 110),
    ...(article.dek ? { description: article.dek } : {}),
    datePublished: toZonedIso(article.publishedAt, article.timeZone),
    dateModified: toZonedIso(article.updatedAt, article.timeZone),
    author: [
      {
        "@type": article.author.kind === "person" ? "Person" : "Organization",
        name: article.author.name,
        url: authorUrl,
      },
    ],
    publisher: publisherJsonLd(site),
    articleSection: article.category.name,
    ...(article.tags.length ? { keywords: article.tags.map((t) => t.name).join(", ") } : {}),
    ...(image
      ? {
          image: [
            {
              "@type": "ImageObject",
              url: absoluteUrl(site, image.url),
              width: image.width,
              height: image.height,
            },
          ],
        }
      : article.imageUrl
        ? { image: [article.imageUrl] }
        : {}),
    wordCount: article.wordCount,
    inLanguage: "en",
    isAccessibleForFree: true,
  };
}

/** BreadcrumbList: Home › Category › Article. */
export function breadcrumbJsonLd(
  site: SiteContext,
  trail: { name: string; path: string }[],
): object {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: trail.map((step, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: step.name,
      item: absoluteUrl(site, step.path),
    })),
  };
}
