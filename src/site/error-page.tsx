import type { Context } from "hono";
import type { ShownError } from "../web/error-mapper.js";
import { MessagePage } from "../web/message-page.js";
import { renderToString } from "../web/page-response.js";
import { loadSiteContext } from "../web/site-context-loader.js";
import type { SiteDeps } from "../web/site-deps.js";

const TITLES: Partial<Record<ShownError["id"], string>> = {
  unavailable: "Busy for a moment",
  internal: "Something went wrong",
  not_found: "Page not found",
};

/**
 * How the public site shows a failure: the site's own page with a short explanation. When
 * the site context cannot be read either (the database is what failed), plain text.
 */
export function publicErrorPage(deps: SiteDeps) {
  return async (c: Context, shown: ShownError) => {
    const site = await loadSiteContext(deps, c.req.path).catch(() => undefined);
    if (!site) return c.text(shown.message, shown.status);
    const page = (
      <MessagePage
        site={site}
        title={TITLES[shown.id] ?? "That did not work"}
        message={shown.message}
      />
    );
    return c.html(await renderToString(page), shown.status);
  };
}
