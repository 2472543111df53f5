import type { Context } from "hono";
import { Hono } from "hono";
import { listPublicationMonths } from "../../content/archive-queries.js";
import { countPublished, type ListFilter, listPublished } from "../../content/article-queries.js";
import { isSlug } from "../../content/slug.js";
import {
  findAuthorBySlug,
  findCategoryBySlug,
  findTagBySlug,
  lastPublicChange,
} from "../../content/taxonomy-queries.js";
import { toUtcIso } from "../../content/zoned-time.js";
import { cacheTags } from "../../web/cache-tags.js";
import { MessagePage } from "../../web/message-page.js";
import { HTML, renderToString, sendBody } from "../../web/page-response.js";
import { loadSiteContext } from "../../web/site-context-loader.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { urls } from "../../web/urls.js";
import { loadHomeData } from "../home/home-data.js";
import { ArchiveIndexPage, MONTH_NAMES } from "../views/archive-page.js";
import { HomePage } from "../views/home-page.js";
import { ListPage } from "../views/list-page.js";

/** Home, category, tag, byline and date-archive pages with stable `/page/N` URLs. */
export function listRoutes(deps: SiteDeps) {
  const app = new Hono();
  const db = deps.database.db;
  const now = () => deps.clock.now().toISOString();

  app.get("/", async (c) => {
    const site = await loadSiteContext(deps, "/");
    const at = now();
    const view = await loadHomeData(db, at, site.categories);
    const page = (
      <HomePage
        site={site}
        meta={{ title: `${site.siteName}: ${site.tagline}`, description: site.tagline, path: "/" }}
        view={view}
      />
    );
    const shown = [view.lead, ...view.grid, ...view.rows.flatMap((r) => r.articles)];
    return sendBody(c, await renderToString(page), HTML, {
      lastModified: await lastPublicChange(db, at),
      tags: [
        cacheTags.home,
        cacheTags.trends,
        cacheTags.coverage,
        ...shown.flatMap((a) => (a ? [cacheTags.article(a.id)] : [])),
      ],
    });
  });

  const listing = async (
    c: Context,
    base: string,
    filter: ListFilter,
    heading: string,
    intro: string,
    tags: string[],
    feeds?: { title: string; base: string },
  ) => {
    const pageNumber = parsePage(c.req.param("n"));
    const site = await loadSiteContext(deps, base);
    if (pageNumber === undefined) return notFound(c, deps);
    const size = deps.config.PAGE_SIZE;
    const at = now();
    const [articles, total] = await Promise.all([
      listPublished(db, at, filter, { limit: size, offset: (pageNumber - 1) * size }),
      countPublished(db, at, filter),
    ]);
    if (pageNumber > 1 && articles.length === 0) return notFound(c, deps);
    const path = pageNumber === 1 ? base : `${base}/page/${pageNumber}`;
    const prev =
      pageNumber === 1 ? undefined : pageNumber === 2 ? base : `${base}/page/${pageNumber - 1}`;
    const next = pageNumber * size < total ? `${base}/page/${pageNumber + 1}` : undefined;
    const title = pageNumber === 1 ? heading : `${heading} (page ${pageNumber})`;
    const page = (
      <ListPage
        site={{ ...site, path }}
        meta={{ title, description: intro, path, prev, next, ...(feeds ? { feeds } : {}) }}
        view={{ heading: title, intro, articles, prev, next }}
      />
    );
    return sendBody(c, await renderToString(page), HTML, {
      lastModified: articles
        .map((a) => a.updatedAt)
        .sort()
        .at(-1),
      tags: [...tags, ...articles.map((a) => cacheTags.article(a.id))],
    });
  };

  for (const suffix of ["", "/page/:n"]) {
    app.get(`/category/:slug${suffix}`, async (c) => {
      const category = await findIfSlug(c.req.param("slug"), (slug) =>
        findCategoryBySlug(db, slug),
      );
      if (!category) return notFound(c, deps);
      const base = urls.category(category.slug);
      const intro =
        category.description || `The latest ${category.name} stories trending in China, explained.`;
      return listing(
        c,
        base,
        { categoryId: category.id },
        category.name,
        intro,
        [cacheTags.category(category.id)],
        {
          title: `${deps.config.SITE_NAME}: ${category.name}`,
          base,
        },
      );
    });
    app.get(`/tag/:slug${suffix}`, async (c) => {
      const tag = await findIfSlug(c.req.param("slug"), (slug) => findTagBySlug(db, slug));
      if (!tag) return notFound(c, deps);
      return listing(
        c,
        urls.tag(tag.slug),
        { tagId: tag.id },
        `Tagged “${tag.name}”`,
        `Articles tagged ${tag.name}.`,
        [cacheTags.tag(tag.id)],
      );
    });
    app.get(`/byline/:slug${suffix}`, async (c) => {
      const author = await findIfSlug(c.req.param("slug"), (slug) => findAuthorBySlug(db, slug));
      if (!author) return notFound(c, deps);
      const intro = author.bio || `Articles by ${author.name}.`;
      return listing(c, urls.byline(author.slug), { authorId: author.id }, author.name, intro, [
        cacheTags.author(author.id),
      ]);
    });
    app.get(`/archive/:year{[0-9]{4}}/:month{[0-9]{2}}${suffix}`, async (c) => {
      const year = Number(c.req.param("year"));
      const month = Number(c.req.param("month"));
      if (month < 1 || month > 12) return notFound(c, deps);
      const zone = deps.config.TIME_ZONE;
      const from = toUtcIso(`${year}-${pad(month)}-01`, zone);
      const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
      const to = new Date(Date.parse(toUtcIso(nextMonth, zone)) - 1).toISOString();
      const label = `${MONTH_NAMES[month - 1]} ${year}`;
      return listing(
        c,
        urls.archiveMonth(year, month),
        { from, to },
        `Archive: ${label}`,
        `Everything we published in ${label}.`,
        [cacheTags.month(`${year}-${pad(month)}`)],
      );
    });
  }

  app.get("/archive", async (c) => {
    const site = await loadSiteContext(deps, "/archive");
    const at = now();
    const months = await listPublicationMonths(db, at, deps.config.TIME_ZONE);
    const page = <ArchiveIndexPage site={site} months={months} />;
    return sendBody(c, await renderToString(page), HTML, {
      lastModified: await lastPublicChange(db, at),
      tags: [cacheTags.archives],
    });
  });

  return app;
}

/** Looks a record up only when the route parameter could be a slug at all. */
export async function findIfSlug<T>(
  value: string,
  find: (slug: string) => Promise<T | undefined>,
): Promise<T | undefined> {
  return isSlug(value) ? find(value) : undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function parsePage(raw: string | undefined): number | undefined {
  if (raw === undefined) return 1;
  if (!/^[1-9][0-9]{0,5}$/.test(raw)) return undefined;
  const n = Number(raw);
  // `/page/1` duplicates the first page; only the canonical URL serves it.
  return n === 1 ? undefined : n;
}

export async function notFound(c: Context, deps: SiteDeps) {
  const site = await loadSiteContext(deps, c.req.path);
  const page = (
    <MessagePage site={site} title="Page not found" message="There is no page at this address." />
  );
  return sendBody(
    c,
    await renderToString(page),
    HTML,
    { tags: [cacheTags.notFound], maxAge: 30 },
    404,
  );
}
