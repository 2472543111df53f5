import type { Logger } from "../../core/log.js";

/** What changed on the public site, for caches and related lists to catch up. */
export interface ArticleChange {
  type: "published" | "unpublished" | "corrected" | "edited";
  articleId: number;
  slug: string;
}

/**
 * One place where later capabilities plug in (the page cache, src/related's lists). Hooks
 * run after the command's transaction commits and before the command returns, so the
 * editor's "Published" page is only shown once everything showing the article caught up.
 */
export type ArticleChangeHook = (change: ArticleChange) => Promise<void>;

/** Runs every hook; one failing hook is logged and does not stop the others. */
export async function runArticleHooks(
  hooks: ArticleChangeHook[],
  change: ArticleChange,
  log: Logger,
): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook(change);
    } catch (error) {
      log.error({ err: error, change }, "article change hook failed");
    }
  }
}
