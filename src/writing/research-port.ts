import {
  gatherSources,
  listStorySources,
  type StoredSource,
  storyResearchRequest,
} from "../research/index.js";
import type { SiteDeps } from "../web/site-deps.js";
import type { DraftSource } from "./draft-source.js";
import type { ResearchPort } from "./pipeline-runner.js";

/** Research's stored source as drafting reads it; an outlet-less source is named by its host. */
export function draftSourceOf(source: StoredSource): DraftSource {
  return {
    id: source.id,
    url: source.url,
    outlet: source.outlet.trim() || new URL(source.url).hostname,
    language: source.language,
    title: source.title,
    publishedAt: source.publishedAt,
    text: source.text,
  };
}

/** Research for a story in the running app: gather the bundle (idempotent), or list it. */
export function storyResearch(deps: SiteDeps): ResearchPort {
  return {
    async gather(articleId) {
      const request = await storyResearchRequest(deps.database.db, articleId);
      const { sources, problems } = await gatherSources(deps, request);
      return { sources: sources.map(draftSourceOf), problems };
    },
    async list(articleId) {
      return (await listStorySources(deps.database.db, articleId)).map(draftSourceOf);
    },
  };
}
