import { listCategories } from "../content/taxonomy-queries.js";
import type { SiteDeps } from "./site-deps.js";
import type { SiteContext } from "./views/site-context.js";

export async function loadSiteContext(deps: SiteDeps, path: string): Promise<SiteContext> {
  const categories = await listCategories(deps.database.db);
  return {
    siteUrl: deps.config.SITE_URL,
    siteName: deps.config.SITE_NAME,
    tagline: deps.config.SITE_TAGLINE,
    timeZone: deps.config.TIME_ZONE,
    categories: categories.map((c) => ({ slug: c.slug, name: c.name })),
    path,
  };
}
