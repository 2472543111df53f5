import { Hono } from "hono";
import { raw } from "hono/html";
import {
  cutQuery,
  MAX_QUERY_LENGTH,
  type SearchFilter,
  searchArticles,
} from "../../content/search-queries.js";
import { findCategoryBySlug, findTagBySlug } from "../../content/taxonomy-queries.js";
import { toUtcIso } from "../../content/zoned-time.js";
import { Layout } from "../../web/layout.js";
import { HTML, renderToString, sendBody } from "../../web/page-response.js";
import { loadSiteContext } from "../../web/site-context-loader.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { urls } from "../../web/urls.js";
import { Pagination, StoryMeta } from "../views/story-list.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `/search?q=…&category=…&tag=…&from=…&to=…&page=N`: never an error page. */
export function searchRoutes(deps: SiteDeps) {
  const app = new Hono();
  app.get("/search", async (c) => {
    const typed = c.req.query("q") ?? "";
    // Searched, shown and linked as cut at a word boundary: a pasted article still searches.
    const q = cutQuery(typed.slice(0, 20_000));
    const pageNumber = Math.min(
      Math.max(Number.parseInt(c.req.query("page") ?? "1", 10) || 1, 1),
      1000,
    );
    const categorySlug = (c.req.query("category") ?? "").slice(0, 100);
    const tagSlug = (c.req.query("tag") ?? "").slice(0, 100);
    const from = DATE.test(c.req.query("from") ?? "") ? (c.req.query("from") ?? "") : "";
    const to = DATE.test(c.req.query("to") ?? "") ? (c.req.query("to") ?? "") : "";
    const size = deps.config.PAGE_SIZE;
    const zone = deps.config.TIME_ZONE;
    const site = await loadSiteContext(deps, "/search");
    const db = deps.database.db;
    const category = categorySlug ? await findCategoryBySlug(db, categorySlug) : undefined;
    const tag = tagSlug ? await findTagBySlug(db, tagSlug) : undefined;
    const filter: SearchFilter = {
      categoryId: category?.id,
      tagId: tag?.id,
      from: from ? toUtcIso(from, zone) : undefined,
      // The whole "to" day counts.
      to: to ? new Date(Date.parse(toUtcIso(to, zone)) + 86_399_999).toISOString() : undefined,
    };
    const result = q
      ? await searchArticles(
          deps.database,
          q,
          deps.clock.now().toISOString(),
          { limit: size, offset: (pageNumber - 1) * size },
          filter,
        )
      : undefined;
    const params = (n: number) => {
      const p = new URLSearchParams({ q });
      if (category) p.set("category", category.slug);
      if (tag) p.set("tag", tag.slug);
      if (from) p.set("from", from);
      if (to) p.set("to", to);
      if (n > 1) p.set("page", String(n));
      return `/search?${p.toString()}`;
    };
    const prev = result && pageNumber > 1 ? params(pageNumber - 1) : undefined;
    const next = result && pageNumber * size < result.total ? params(pageNumber + 1) : undefined;
    const title = q ? `Search: ${cutQuery(q, 80)}` : "Search";
    const page = (
      <Layout
        site={site}
        meta={{ title, description: "Search Resou's articles.", path: "/search", noindex: true }}
      >
        <h1 class="page-title">Search</h1>
        <form class="search-page-form" action="/search" method="get">
          <p>
            <label for="search-page-q">Words to find</label>
            <input
              id="search-page-q"
              type="search"
              name="q"
              value={q}
              maxlength={MAX_QUERY_LENGTH}
            />
          </p>
          <p>
            <label for="search-category">Category</label>
            <select id="search-category" name="category">
              <option value="">All categories</option>
              {site.categories.map((cat) => (
                <option value={cat.slug} selected={cat.slug === category?.slug}>
                  {cat.name}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="search-from">From</label>
            <input id="search-from" type="date" name="from" value={from} />
          </p>
          <p>
            <label for="search-to">To</label>
            <input id="search-to" type="date" name="to" value={to} />
          </p>
          {tag ? <input type="hidden" name="tag" value={tag.slug} /> : null}
          <p>
            <button class="button" type="submit">
              Search
            </button>
          </p>
        </form>
        {typed.trim().length > q.length ? (
          <p class="search-cut">
            Your search was long, so we searched for its first words (up to {MAX_QUERY_LENGTH}{" "}
            characters): “{q}”.
          </p>
        ) : null}
        {result ? (
          <p aria-live="polite">
            {result.total === 0
              ? "No articles matched. Try fewer or different words."
              : `${result.total} ${result.total === 1 ? "article" : "articles"} found${tag ? ` tagged ${tag.name}` : ""}.`}
          </p>
        ) : (
          <p>
            Put a phrase in "quotes"; end a word with * to match its beginning; Chinese works too.
          </p>
        )}
        {result?.hits.length ? (
          <ul class="story-list">
            {result.hits.map((hit) => (
              <li>
                <h2 class="story-title">
                  <a href={urls.article(hit.article.slug)}>{hit.article.headline}</a>
                </h2>
                <p>{raw(hit.snippet)}</p>
                <StoryMeta article={hit.article} />
              </li>
            ))}
          </ul>
        ) : null}
        <Pagination prev={prev} next={next} />
      </Layout>
    );
    return sendBody(c, await renderToString(page), HTML, {
      tags: ["search", "articles"],
      maxAge: 60,
    });
  });
  return app;
}
