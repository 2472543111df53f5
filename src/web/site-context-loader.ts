import { listCategories } from "../content/taxonomy-queries.js";
import type { SiteContext } from "./site-context.js";
import type { SiteDeps } from "./site-deps.js";

export async function loadSiteContext(deps: SiteDeps, path: string): Promise<SiteContext> {
  const categories = await listCategories(deps.database.db);
  return {
    siteUrl: deps.config.SITE_URL,
    siteName: deps.config.SITE_NAME,
    tagline: deps.config.SITE_TAGLINE,
    timeZone: deps.config.TIME_ZONE,
    categories: categories.map((c) => ({ slug: c.slug, name: c.name })),
    path: printablePath(path),
  };
}

/**
 * The request path as it may appear in a page (canonical link, navigation state): Hono hands
 * it over decoded, so a NUL, a line break or a lone surrogate would be echoed as is. Anything
 * but printable ASCII goes back to percent-encoding; a path that cannot be encoded becomes "/".
 */
export function printablePath(path: string): string {
  if (/^[\x21-\x7e]*$/.test(path)) return path;
  try {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters must not be echoed
    return encodeURI(path).replace(/[\x00-\x20\x7f]/g, "");
  } catch {
    return "/";
  }
}
