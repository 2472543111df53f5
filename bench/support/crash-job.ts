import { articleInput } from "../../src/content/article-input.js";
import { saveArticles } from "../../src/content/article-store.js";
import type { Database } from "../../src/db/database.js";
import type { JobHandler } from "../../src/jobs/worker.js";

/**
 * The crash benchmark's job: its effect is one article whose slug is the job id, saved by
 * slug, so a job re-run after its worker was killed mid-way changes nothing the second time.
 */
export function crashJobHandler(database: Database): JobHandler {
  return async (_payload, { jobId }) => {
    await saveArticles(
      database.db,
      [
        articleInput.parse({
          slug: `job-${jobId}`,
          headline: `Job ${jobId}`,
          category: "Society",
          lead: "Written by a job.",
          published_at: "2026-01-01",
        }),
      ],
      { dialect: database.dialect, now: new Date(), deskByline: "Resou Desk", timeZone: "UTC" },
    );
  };
}
