import type { FC } from "hono/jsx";
import { Layout } from "./layout.js";
import type { SiteContext } from "./site-context.js";

/** 404, 410 and 500 pages: a plain explanation and a way back in. */
export const MessagePage: FC<{ site: SiteContext; title: string; message: string }> = ({
  site,
  title,
  message,
}) => (
  <Layout site={site} meta={{ title, description: message, path: site.path, noindex: true }}>
    <h1 class="page-title">{title}</h1>
    <p>{message}</p>
    <p>
      Try the <a href="/">front page</a> or <a href="/search">search our articles</a>.
    </p>
  </Layout>
);
