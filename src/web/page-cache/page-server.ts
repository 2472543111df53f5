import { createServer, type Server, type ServerOptions } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { serveCachedPage } from "./node-fast-path.js";
import type { PageCache } from "./page-cache.js";

/**
 * Node's HTTP server for the app, with stored pages answered before the request reaches
 * Hono (see `serveCachedPage`); without a cache it is the plain Hono adapter.
 */
export function createPageServer(
  fetch: (request: Request) => Response | Promise<Response>,
  cache: PageCache | undefined,
  options: ServerOptions = {},
): Server {
  const listener = getRequestListener(fetch);
  return createServer(options, (req, res) => {
    if (cache && serveCachedPage(cache, req, res)) return;
    void listener(req, res);
  });
}
