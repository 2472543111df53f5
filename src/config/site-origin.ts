import { type Config, isLoopbackHost, listenOrigin } from "./env.js";

export interface SiteOrigin {
  /** The SITE_URL pages should use, now that the real port is known. */
  siteUrl: string;
  /** Said at start-up when links will name an origin this server cannot be reached at. */
  warning?: string;
}

/**
 * SITE_URL once the web role listens on `port`. Left unset, it follows the server (with
 * PORT=0 the port is only known now). Set to another origin while listening on loopback,
 * every link points somewhere this server is not reachable from outside: right behind a
 * reverse proxy for that origin, a silent mistake otherwise, so it is said once.
 */
export function siteOrigin(
  config: Pick<Config, "SITE_URL" | "HOST" | "PORT">,
  port: number,
): SiteOrigin {
  const listening = listenOrigin(config.HOST, port);
  if (config.SITE_URL === listenOrigin(config.HOST, config.PORT)) return { siteUrl: listening };
  const origin = new URL(config.SITE_URL).origin;
  const local = new Set([listening, `http://127.0.0.1:${port}`, `http://[::1]:${port}`]);
  if (!isLoopbackHost(config.HOST) || local.has(origin)) return { siteUrl: config.SITE_URL };
  return {
    siteUrl: config.SITE_URL,
    warning: `SITE_URL is ${config.SITE_URL}, but this server listens only on ${config.HOST}:${port}: canonical links, feeds and sitemaps will name ${origin}. That is right behind a reverse proxy serving ${origin}; otherwise unset SITE_URL (it then follows HOST and PORT) or set it to ${listening}.`,
  };
}
