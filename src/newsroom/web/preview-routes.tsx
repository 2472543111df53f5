import { Hono } from "hono";
import type { ArticleFull } from "../../content/article-queries.js";
import { articlePlainText } from "../../content/article-store.js";
import { countWords } from "../../content/markdown.js";
import { slugify } from "../../content/slug.js";
import { listCategories } from "../../content/taxonomy-queries.js";
import { ArticlePage } from "../../site/views/article-page.js";
import { Layout } from "../../web/layout.js";
import { renderToString } from "../../web/page-response.js";
import { loadSiteContext } from "../../web/site-context-loader.js";
import { urls } from "../../web/urls.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { contentFromForm, type StoryContent } from "../story-content.js";
import type { StoryRecord } from "../story-queries.js";
import { requires } from "./guard.js";
import type { NewsroomContext, NewsroomEnv } from "./request-context.js";
import { postedForm, storyFor } from "./story-guard.js";

/** Builds what the public template shows from (possibly unsaved) editor content. */
async function previewArticle(
  deps: NewsroomDeps,
  content: StoryContent,
  story: StoryRecord | undefined,
): Promise<ArticleFull> {
  const db = deps.database.db;
  const now = deps.clock.now().toISOString();
  const category = (await listCategories(db)).find((c) => c.name === content.category);
  const byline = content.byline || deps.config.DESK_BYLINE;
  const corrections = story
    ? await db
        .selectFrom("article_correction")
        .select(["noted_at", "text"])
        .where("article_id", "=", story.articleId)
        .orderBy("noted_at")
        .execute()
    : [];
  const plainText = articlePlainText(content);
  return {
    id: story?.articleId ?? 0,
    slug: story?.slug ?? slugify(content.headline),
    kind: "article",
    headline: content.headline,
    dek: content.dek,
    category: {
      slug: category?.slug ?? slugify(content.category),
      name: category?.name ?? content.category,
    },
    author: { slug: slugify(byline), name: byline, kind: "person" },
    publishedAt: story?.publishedAt ?? now,
    updatedAt: story?.status === "published" ? now : (story?.publishedAt ?? now),
    timeZone: deps.config.TIME_ZONE,
    imageUrl: "",
    imageAlt: "",
    hashtag: content.hashtag,
    status: story?.status ?? "draft",
    lead: content.lead,
    sections: content.sections,
    hashtagEn: content.hashtagEn,
    tags: content.tags.map((name) => ({ slug: slugify(name), name })),
    corrections: corrections.map((c) => ({ notedAt: c.noted_at, text: c.text })),
    wordCount: countWords(plainText),
    plainText,
    isDemo: false,
  };
}

/** The public article page, exactly as readers would see it, marked as a preview. */
async function renderPreview(
  c: NewsroomContext,
  deps: NewsroomDeps,
  content: StoryContent,
  story: StoryRecord | undefined,
) {
  const article = await previewArticle(deps, content, story);
  const site = await loadSiteContext(deps, urls.article(article.slug));
  const view = (
    <Layout
      site={site}
      meta={{
        title: `Preview: ${article.headline}`,
        description: article.dek,
        path: urls.article(article.slug),
        noindex: true,
        type: "article",
      }}
    >
      <p class="preview-banner" role="status">
        Preview — not published.{" "}
        {story ? `Revision ${story.revision}, ${story.status}.` : "Not saved yet."}
      </p>
      <ArticlePage
        view={{
          article,
          related: [],
          canonicalUrl: urls.absolute(deps.config.SITE_URL, urls.article(article.slug)),
          sources: content.sources,
        }}
      />
    </Layout>
  );
  c.header("Cache-Control", "no-store");
  c.header("X-Robots-Tag", "noindex, nofollow");
  return c.html(await renderToString(view));
}

function invalidPreview(c: NewsroomContext, errors: Record<string, string>) {
  const list = Object.entries(errors).map(([field, message]) => `${field}: ${message}`);
  return c.text(`The preview needs valid fields:\n${list.join("\n")}`, 422);
}

export function previewRoutes(deps: NewsroomDeps) {
  const app = new Hono<NewsroomEnv>();

  app.get("/admin/stories/:id{[0-9]+}/preview", async (c) => {
    const found = await storyFor(c, deps, "story.view");
    if ("response" in found) return found.response;
    return renderPreview(c, deps, found.story.content, found.story);
  });

  // The editor's Preview button posts the form as it stands, saved or not.
  app.post("/admin/stories/:id{[0-9]+}/preview", async (c) => {
    const found = await storyFor(c, deps, "story.view");
    if ("response" in found) return found.response;
    const parsed = contentFromForm(postedForm(c), found.story.content.sources);
    if (!parsed.ok) return invalidPreview(c, parsed.errors);
    return renderPreview(c, deps, parsed.content, found.story);
  });

  app.post("/admin/stories/preview", requires(deps, "story.create"), async (c) => {
    const parsed = contentFromForm(postedForm(c));
    if (!parsed.ok) return invalidPreview(c, parsed.errors);
    return renderPreview(c, deps, parsed.content, undefined);
  });
  return app;
}
