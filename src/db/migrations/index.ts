import type { Migration } from "kysely";
import type { DialectName } from "../database.js";
import type { DialectMigration } from "../migration-kit.js";
import { contentMigration } from "./0100-content.js";
import { searchSummaryIndexMigration } from "./0110-search-summary-index.js";
import { searchPrefixIndexMigration } from "./0120-search-prefix-index.js";
import { searchFilterIndexMigration } from "./0130-search-filter-index.js";
import { searchLabelsMigration } from "./0140-search-labels.js";
import { jobsMigration } from "./0200-jobs.js";
import { lastChangeIndexMigration } from "./0210-last-change-index.js";
import { changesMigration } from "./0230-changes.js";
import { trendsMigration } from "./0300-trends.js";
import { trendTitleMachineMigration } from "./0320-trend-title-machine.js";
import { trendReplayMigration } from "./0330-trend-replay.js";
import { relatedFillMigration } from "./0400-related-fill.js";
import { newsroomMigration } from "./0500-newsroom.js";
import { newsroomSettingsMigration } from "./0510-newsroom-settings.js";
import { checksMigration } from "./0600-checks.js";
import { checkRunsMigration } from "./0610-check-runs.js";
import { checksJudgeMigration } from "./0620-checks-judge.js";
import { researchMigration } from "./0800-research.js";
import { writingPipelineMigration } from "./0900-writing-pipeline.js";
import { digestMigration } from "./1000-digest.js";
import { picturesMigration } from "./1100-pictures.js";
import { topicTitleSearchMigration } from "./1200-topic-title-search.js";
import { changeOrderAtCommitMigration } from "./1210-change-order-at-commit.js";
import { articleBodyHtmlMigration } from "./1240-article-body-html.js";

/**
 * Every migration, keyed by a name that sorts in run order. Capabilities take their own
 * hundred (0100 content, 0200 jobs, 0300 trends, 0400 related, 0500 newsroom) so work on
 * several of them never fights over numbers.
 */
const MIGRATIONS: Record<string, DialectMigration> = {
  "0100-content": contentMigration,
  "0110-search-summary-index": searchSummaryIndexMigration,
  "0120-search-prefix-index": searchPrefixIndexMigration,
  "0130-search-filter-index": searchFilterIndexMigration,
  "0140-search-labels": searchLabelsMigration,
  "0200-jobs": jobsMigration,
  "0210-last-change-index": lastChangeIndexMigration,
  "0230-changes": changesMigration,
  "0300-trends": trendsMigration,
  "0320-trend-title-machine": trendTitleMachineMigration,
  "0330-trend-replay": trendReplayMigration,
  "0400-related-fill": relatedFillMigration,
  "0500-newsroom": newsroomMigration,
  "0510-newsroom-settings": newsroomSettingsMigration,
  "0600-checks": checksMigration,
  "0610-check-runs": checkRunsMigration,
  "0620-checks-judge": checksJudgeMigration,
  "0800-research": researchMigration,
  "0900-writing-pipeline": writingPipelineMigration,
  "1000-digest": digestMigration,
  "1100-pictures": picturesMigration,
  "1200-topic-title-search": topicTitleSearchMigration,
  "1210-change-order-at-commit": changeOrderAtCommitMigration,
  "1240-article-body-html": articleBodyHtmlMigration,
};

export function migrationsFor(dialect: DialectName): Record<string, Migration> {
  return Object.fromEntries(Object.entries(MIGRATIONS).map(([name, m]) => [name, m(dialect)]));
}
