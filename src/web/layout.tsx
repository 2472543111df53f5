import { raw } from "hono/html";
import type { Child, FC, PropsWithChildren } from "hono/jsx";
import { shareScript, stylesheet } from "./assets.js";
import { absoluteUrl, type PageMeta, type SiteContext } from "./site-context.js";
import { urls } from "./urls.js";

/** JSON for a <script> element: `<` escaped so text can never close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const Head: FC<{ site: SiteContext; meta: PageMeta; withScript: boolean }> = ({
  site,
  meta,
  withScript,
}) => {
  const canonical = absoluteUrl(site, meta.path);
  const title = meta.path === "/" ? meta.title : `${meta.title} | ${site.siteName}`;
  const feedBase = meta.feeds?.base ?? "";
  const feedTitle = meta.feeds?.title ?? site.siteName;
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <meta name="description" content={meta.description} />
      <link rel="canonical" href={canonical} />
      {meta.noindex ? <meta name="robots" content="noindex" /> : null}
      {meta.prev ? <link rel="prev" href={absoluteUrl(site, meta.prev)} /> : null}
      {meta.next ? <link rel="next" href={absoluteUrl(site, meta.next)} /> : null}
      <meta name="theme-color" content="#b3261e" />
      <meta property="og:site_name" content={site.siteName} />
      <meta property="og:type" content={meta.type ?? "website"} />
      <meta property="og:title" content={meta.title} />
      <meta property="og:description" content={meta.description} />
      <meta property="og:url" content={canonical} />
      <meta property="og:locale" content="en_GB" />
      {meta.imageUrl ? <meta property="og:image" content={meta.imageUrl} /> : null}
      {meta.imageUrl && meta.imageAlt ? (
        <meta property="og:image:alt" content={meta.imageAlt} />
      ) : null}
      {(meta.extraMeta ?? []).map(([property, content]) => (
        <meta property={property} content={content} />
      ))}
      <meta name="twitter:card" content={meta.imageUrl ? "summary_large_image" : "summary"} />
      <meta name="twitter:title" content={meta.title} />
      <meta name="twitter:description" content={meta.description} />
      {meta.imageUrl ? <meta name="twitter:image" content={meta.imageUrl} /> : null}
      <link
        rel="alternate"
        type="application/rss+xml"
        title={`${feedTitle} (RSS)`}
        href={`${feedBase}/feed.xml`}
      />
      <link
        rel="alternate"
        type="application/atom+xml"
        title={`${feedTitle} (Atom)`}
        href={`${feedBase}/atom.xml`}
      />
      <link
        rel="alternate"
        type="application/feed+json"
        title={`${feedTitle} (JSON Feed)`}
        href={`${feedBase}/feed.json`}
      />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      <style>{raw(stylesheet.body)}</style>
      {(meta.jsonLd ?? []).map((data) => (
        <script type="application/ld+json">{raw(scriptJson(data))}</script>
      ))}
      {withScript ? <script src={shareScript.path} defer /> : null}
    </head>
  );
};

const Header: FC<{ site: SiteContext }> = ({ site }) => (
  <header class="site-header">
    <div class="wrap">
      <div class="masthead">
        <div>
          <a class="brand" href="/">
            {site.siteName}
            <span aria-hidden="true"> 热搜</span>
          </a>
          <p class="tagline">{site.tagline}</p>
        </div>
        <search>
          <form class="search-form" action="/search" method="get">
            <label class="visually-hidden" for="site-search">
              Search articles
            </label>
            <input
              id="site-search"
              type="search"
              name="q"
              placeholder="Search articles"
              maxlength={200}
            />
            <button type="submit">Search</button>
          </form>
        </search>
      </div>
      <nav class="nav" aria-label="Sections">
        <ul>
          <li>
            <a href="/" aria-current={site.path === "/" ? "page" : undefined}>
              Home
            </a>
          </li>
          {site.categories.map((c) => {
            const href = urls.category(c.slug);
            return (
              <li>
                <a href={href} aria-current={site.path.startsWith(href) ? "page" : undefined}>
                  {c.name}
                </a>
              </li>
            );
          })}
          <li>
            <a href="/trends" aria-current={site.path.startsWith("/trends") ? "page" : undefined}>
              Hot search
            </a>
          </li>
        </ul>
      </nav>
    </div>
  </header>
);

const Footer: FC<{ site: SiteContext }> = ({ site }) => (
  <footer class="site-footer">
    <div class="wrap">
      <ul>
        <li>
          <a href="/feed.xml">RSS</a>
        </li>
        <li>
          <a href="/atom.xml">Atom</a>
        </li>
        <li>
          <a href="/feed.json">JSON Feed</a>
        </li>
        <li>
          <a href="/archive">Archive</a>
        </li>
        <li>
          <a href="/search">Search</a>
        </li>
      </ul>
      <p>
        {site.siteName} explains what is trending on Chinese social media. Every claim in our
        articles links to its source.
      </p>
    </div>
  </footer>
);

/** The page shell: landmarks, skip link, inline styles, no third-party anything. */
export const Layout: FC<
  PropsWithChildren<{ site: SiteContext; meta: PageMeta; withScript?: boolean }>
> = ({ site, meta, withScript = false, children }) => (
  <html lang="en-GB">
    <Head site={site} meta={meta} withScript={withScript} />
    <body>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header site={site} />
      <main id="main" tabindex={-1}>
        <div class="wrap">{children as Child}</div>
      </main>
      <Footer site={site} />
    </body>
  </html>
);
