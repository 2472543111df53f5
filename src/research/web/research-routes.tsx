import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { FC } from "hono/jsx";
import type { Session } from "../../newsroom/auth/session-store.js";
import { type NewsroomDeps, newsroomDeps } from "../../newsroom/newsroom-deps.js";
import { AdminLayout, CsrfField } from "../../newsroom/web/admin-layout.js";
import { page, requires } from "../../newsroom/web/guard.js";
import { MAX_BODY_BYTES } from "../../newsroom/web/newsroom-routes.js";
import { withNotice } from "../../newsroom/web/notices.js";
import {
  auditContext,
  clientIpMiddleware,
  formValue,
  type NewsroomEnv,
  sessionMiddleware,
} from "../../newsroom/web/request-context.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { canonicalUrl, MAX_PASTED } from "../gather-sources.js";
import { startStoryFromTopic } from "../start-story.js";
import { loadWeiboTopic, type WeiboTopic } from "../weibo-topic-source.js";

const StartPage: FC<{
  siteName: string;
  session: Session | undefined;
  topic: WeiboTopic;
  links: string;
  error?: string | undefined;
}> = (p) => (
  <AdminLayout title="Start a story from a topic" session={p.session} siteName={p.siteName}>
    <p>
      <span lang="zh-CN">{p.topic.isHashtag ? `#${p.topic.word}#` : p.topic.word}</span>
      {p.topic.titleEn ? <span class="muted"> — {p.topic.titleEn}</span> : null}
    </p>
    <p class="muted">
      Research gathers the Weibo topic, matching items of the newsroom's feeds and the links below,
      then drafting writes a sourced draft for the queue. A topic already covered opens the existing
      story instead.
    </p>
    <form method="post" action={`/admin/topics/${p.topic.id}/start`} class="panel">
      <CsrfField token={p.session?.csrfToken ?? ""} />
      <div class={p.error ? "field invalid" : "field"}>
        <label for="f-links">Links to use as sources (optional, one per line)</label>
        <small id="f-links-hint">Up to {MAX_PASTED} http(s) links to news articles.</small>
        <textarea
          id="f-links"
          name="links"
          rows={5}
          aria-invalid={p.error ? "true" : undefined}
          aria-describedby={p.error ? "f-links-error" : "f-links-hint"}
        >
          {p.links}
        </textarea>
        {p.error ? (
          <p class="error" id="f-links-error">
            {p.error}
          </p>
        ) : null}
      </div>
      <button type="submit" class="primary">
        Start story
      </button>
    </form>
  </AdminLayout>
);

/** Pasted text → links, or the first line that is not an http(s) link. */
export function parseLinks(
  text: string,
): { ok: true; urls: string[] } | { ok: false; error: string } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > MAX_PASTED) return { ok: false, error: `at most ${MAX_PASTED} links` };
  for (const [i, line] of lines.entries()) {
    if (line.length > 2000 || !canonicalUrl(line))
      return { ok: false, error: `line ${i + 1} is not an http(s) link` };
  }
  return { ok: true, urls: lines };
}

/**
 * `/admin/topics/:id/start`: editors start a story from any trending topic, optionally with
 * links. Mounted by the app root before the newsroom, so it runs the newsroom's request
 * chain (client address, body limit, session, CSRF) itself, unless a newsroom app in front
 * already did for this request.
 */
export function researchRoutes(deps: SiteDeps): Hono {
  const nd: NewsroomDeps = newsroomDeps(deps);
  const app = new Hono<NewsroomEnv>();
  // The newsroom's own request chain: client address, body limit, session and CSRF check.
  const chain: MiddlewareHandler<NewsroomEnv>[] = [
    clientIpMiddleware(deps.config.TRUST_PROXY),
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.text("The form is too large.", 413),
    }),
    sessionMiddleware(nd, (c) =>
      c.text("The form expired or came from another site; reload the page and try again.", 403),
    ),
  ];
  // Skipped when a newsroom app in front of us already ran it for this request (tests mount one).
  const ranBefore = new WeakSet<object>();
  const START_PATH = "/admin/topics/:id{[0-9]+}/start";
  app.use(START_PATH, async (c, next) => {
    if (c.var.form !== undefined) ranBefore.add(c);
    await next();
  });
  for (const step of chain) {
    app.use(START_PATH, (c, next) => (ranBefore.has(c) ? next() : step(c, next)));
  }

  const topicOf = async (id: string) => {
    const n = Number(id);
    return Number.isSafeInteger(n) ? loadWeiboTopic(deps.database.db, n) : undefined;
  };

  app.get("/admin/topics/:id{[0-9]+}/start", requires(nd, "story.create"), async (c) => {
    const topic = await topicOf(c.req.param("id"));
    if (!topic) return c.notFound();
    return page(
      c,
      <StartPage
        siteName={deps.config.SITE_NAME}
        session={c.get("session")}
        topic={topic}
        links=""
      />,
    );
  });

  app.post("/admin/topics/:id{[0-9]+}/start", requires(nd, "story.create"), async (c) => {
    const topic = await topicOf(c.req.param("id"));
    if (!topic) return c.notFound();
    const text = formValue(c, "links");
    const links = parseLinks(text);
    if (!links.ok) {
      return page(
        c,
        <StartPage
          siteName={deps.config.SITE_NAME}
          session={c.get("session")}
          topic={topic}
          links={text}
          error={links.error}
        />,
        422,
      );
    }
    const result = await startStoryFromTopic({ deps: nd, audit: auditContext(c) }, topic.id, {
      pastedUrls: links.urls,
    });
    const code = result.existing ? "already-covered" : "pipeline-started";
    return c.redirect(withNotice(`/admin/stories/${result.articleId}`, code), 303);
  });

  const outer = new Hono();
  outer.route("/", app);
  return outer;
}
