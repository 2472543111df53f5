import type { SiteDeps } from "../site/site-deps.js";
import type { ResearchPort } from "./pipeline-runner.js";

/**
 * Research for a story in the running app. `src/research` (gatherSources, listStorySources)
 * plugs in here; until it is part of the build, the pipeline stops at research and says so
 * in the queue rather than drafting from nothing.
 */
export function storyResearch(_deps: SiteDeps): ResearchPort {
  const missing = async (): Promise<never> => {
    throw new ResearchUnavailableError();
  };
  return { gather: missing, list: missing };
}

export class ResearchUnavailableError extends Error {
  constructor() {
    super("research (src/research) is not part of this build, so no sources can be gathered");
    this.name = "ResearchUnavailableError";
  }
}
