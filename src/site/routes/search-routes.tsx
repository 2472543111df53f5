import { Hono } from "hono";
import { raw } from "hono/html";
import { MAX_QUERY_LENGTH, searchArticles } from "../../content/search-queries.js";
import { HTML, renderToString, sendBody } from "../page-response.js";
import { loadSiteContext } from "../site-context-loader.js";
import type { SiteDeps } from "../site-deps.js";
import { Layout } from "../views/layout.js";
import { articlePath, Pagination, StoryMeta } from "../views/story-list.js";

/** `/search?q=…&page=N`: ranked results with highlighted snippets; never an error page. */
export function searchRoutes(deps: SiteDeps) {
  const app = new Hono();
  app.get("/search", async (c) => {
    const q = (c.req.query("q") ?? "").slice(0, 10_000);
    const pageNumber = Math.min(
      Math.max(Number.parseInt(c.req.query("page") ?? "1", 10) || 1, 1),
      1000,
    );
    const size = deps.config.PAGE_SIZE;
    const site = await loadSiteContext(deps, "/search");
    const tooLong = q.length > MAX_QUERY_LENGTH;
    const result = q.trim()
      ? await searchArticles(deps.database, q, deps.clock.now().toISOString(), {
          limit: size,
          offset: (pageNumber - 1) * size,
        })
      : undefined;
    const link = (n: number) => `/search?q=${encodeURIComponent(q)}${n > 1 ? `&page=${n}` : ""}`;
    const prev = result && pageNumber > 1 ? link(pageNumber - 1) : undefined;
    const next = result && pageNumber * size < result.total ? link(pageNumber + 1) : undefined;
    const title = q.trim() ? `Search: ${q.slice(0, 80)}` : "Search";
    const page = (
      <Layout
        site={site}
        meta={{ title, description: "Search Resou's articles.", path: "/search", noindex: true }}
      >
        <h1 class="page-title">Search</h1>
        <search>
          <form class="search-form" action="/search" method="get">
            <label for="search-page-q">Search for</label>
            <input
              id="search-page-q"
              type="search"
              name="q"
              value={q.slice(0, MAX_QUERY_LENGTH)}
              maxlength={MAX_QUERY_LENGTH}
            />
            <button type="submit">Search</button>
          </form>
        </search>
        {tooLong ? (
          <p>Your search was long, so we used its first {MAX_QUERY_LENGTH} characters.</p>
        ) : null}
        {result ? (
          <p aria-live="polite">
            {result.total === 0
              ? "No articles matched. Try fewer or different words."
              : `${result.total} ${result.total === 1 ? "article" : "articles"} found.`}
          </p>
        ) : (
          <p>
            Type words to find; put a phrase in "quotes"; end a word with * to match its beginning.
          </p>
        )}
        {result?.hits.length ? (
          <ul class="story-list">
            {result.hits.map((hit) => (
              <li>
                <h2 class="story-title">
                  <a href={articlePath(hit.article.slug)}>{hit.article.headline}</a>
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
