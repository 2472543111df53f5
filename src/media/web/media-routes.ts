import { Hono } from "hono";
import type { Config } from "../../config/env.js";
import type { Clock } from "../../core/clock.js";
import type { Database } from "../../db/database.js";
import { siteLogo } from "../logo/logo.js";
import { type MediaDeps, mediaStoreOf } from "../media-deps.js";
import { mediaUrls } from "../media-urls.js";
import { type CardLookup, ShareCards } from "../share-card/share-cards.js";
import { isMediaKey } from "../storage/media-store.js";

export interface MediaRouteDeps extends MediaDeps {
  database: Database;
  clock: Clock;
  config: Config;
}

const FOREVER = "public, max-age=31536000, immutable";
const CARD_FILE = /^([0-9]{1,9})-([0-9a-f]{12})\.png$/;

function cardResponse(lookup: CardLookup, moved: (version: string) => string): Response {
  if (lookup.kind === "missing") return new Response("Not found", { status: 404 });
  // An old version's URL (shared before an edit) leads to the current card, briefly cached.
  if (lookup.kind === "moved")
    return new Response(null, {
      status: 302,
      headers: { Location: moved(lookup.version), "Cache-Control": "public, max-age=300" },
    });
  return new Response(new Uint8Array(lookup.png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Length": String(lookup.png.length),
      "Cache-Control": FOREVER,
    },
  });
}

/**
 * Public media: uploaded variants (`/media/…`, content-addressed, cached forever), share
 * cards (`/cards/…`, versioned in the URL) and the site logo in its sizes.
 */
export function mediaRoutes(deps: MediaRouteDeps): Hono {
  const app = new Hono();
  const db = deps.database.db;
  const cards = new ShareCards(db, {
    siteName: deps.config.SITE_NAME,
    tagline: deps.config.SITE_TAGLINE,
  });

  app.get("/media/*", async (c) => {
    const key = c.req.path.slice("/media/".length);
    if (!isMediaKey(key)) return c.notFound();
    const found = await mediaStoreOf(deps).get(key);
    if (!found) return c.notFound();
    return c.body(new Uint8Array(found.bytes), 200, {
      "Content-Type": found.contentType,
      "Cache-Control": FOREVER,
      "X-Content-Type-Options": "nosniff",
    });
  });

  app.get("/cards/article/:file", async (c) => {
    const match = CARD_FILE.exec(c.req.param("file"));
    if (!match) return c.notFound();
    const id = Number(match[1]);
    const now = deps.clock.now().toISOString();
    const row = await db
      .selectFrom("article")
      .select(["status", "published_at"])
      .where("id", "=", id)
      .executeTakeFirst();
    const isPublic =
      row?.status === "published" && row.published_at !== null && row.published_at <= now;
    const lookup = await cards.article(id, match[2] ?? "", isPublic);
    return cardResponse(lookup, (v) => mediaUrls.articleCard(id, v));
  });

  app.get("/cards/topic/:file", async (c) => {
    const match = CARD_FILE.exec(c.req.param("file"));
    if (!match) return c.notFound();
    const id = Number(match[1]);
    const lookup = await cards.topic(id, match[2] ?? "");
    return cardResponse(lookup, (v) => mediaUrls.topicCard(id, v));
  });

  const logoHeaders = (type: string) => ({
    "Content-Type": type,
    "Cache-Control": "public, max-age=86400",
  });
  app.get(mediaUrls.logoSvg, async (c) =>
    c.body((await siteLogo(deps.config.SITE_NAME)).svg, 200, logoHeaders("image/svg+xml")),
  );
  app.get(mediaUrls.logoMark, async (c) =>
    c.body((await siteLogo(deps.config.SITE_NAME)).mark, 200, logoHeaders("image/svg+xml")),
  );
  app.get(mediaUrls.logoWide, async (c) =>
    c.body(
      new Uint8Array((await siteLogo(deps.config.SITE_NAME)).wide),
      200,
      logoHeaders("image/png"),
    ),
  );
  app.get(mediaUrls.logoSquare, async (c) =>
    c.body(
      new Uint8Array((await siteLogo(deps.config.SITE_NAME)).square),
      200,
      logoHeaders("image/png"),
    ),
  );
  return app;
}
