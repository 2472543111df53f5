import type { ArticleChange } from "./change.js";

/** What an article change did to the public site, in a word (logs, tests). */
export function articleChangeLabel(
  change: ArticleChange,
): "published" | "unpublished" | "updated" | "hidden" {
  const was = change.before?.visible ?? false;
  const is = change.after?.visible ?? false;
  if (!was && is) return "published";
  if (was && !is) return "unpublished";
  return was ? "updated" : "hidden";
}
