import type { Clock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/log.js";
import type { Database, DialectName } from "../../src/db/database.js";
import { digestJobHandlers } from "../../src/digest/digest-jobs.js";
import { startWorker } from "../../src/jobs/worker.js";
import { ingestCapture } from "../../src/trends/testing/ingest-capture.js";
import {
  type DerivedCapture,
  derivedCaptures,
  mWeiboCnCaptures,
} from "../../src/trends/testing/weibo-fixtures.js";
import type { SiteDeps } from "../../src/web/site-deps.js";
import { createSiteHarness, type SiteHarness } from "./site-harness.js";
import { type SmtpCapture, startSmtpCapture } from "./smtp-capture.js";

/** The day the fixture captures cover (all 22 hourly m.weibo.cn lists, Beijing time). */
export const FIXTURE_DAY = "2025-08-26";

/** Stores the 22 real captures of 2025-08-26 through the trends ingest path. */
export async function storeFixtureDay(database: Database): Promise<void> {
  for (const capture of mWeiboCnCaptures()) await ingestCapture(database, capture.body);
}

/** The research helper's independent extraction of the same captures: expected values. */
export function fixtureCaptures(): DerivedCapture[] {
  return derivedCaptures();
}

/** Runs every due digest job (sends, confirmation mails) to the end, as a worker would. */
export async function runDigestJobs(deps: SiteDeps & { clock: Clock }): Promise<void> {
  const worker = startWorker({
    database: deps.database,
    clock: deps.clock,
    log: silentLogger,
    handlers: digestJobHandlers(deps),
    pollMs: 60_000,
  });
  await worker.drain();
  await worker.stop();
}

/** An active, confirmed subscriber stored directly (the sign-up path has its own tests). */
export async function addSubscriber(
  database: Database,
  email: string,
  options: { frequency?: "daily" | "weekly"; categories?: string[]; at?: string } = {},
): Promise<number> {
  const at = options.at ?? "2025-08-01T00:00:00.000Z";
  const row = await database.db
    .insertInto("digest_subscriber")
    .values({
      email,
      status: "active",
      frequency: options.frequency ?? "daily",
      categories: JSON.stringify(options.categories ?? []),
      created_at: at,
      updated_at: at,
      confirm_token_hash: null,
      confirm_expires_at: null,
      confirmed_at: at,
      unsubscribed_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The site, its SMTP capture and the fixture day stored: what the mail tests start from. */
export async function createMailingSite(
  dialect: DialectName,
  now: string,
): Promise<{ site: SiteHarness; smtp: SmtpCapture }> {
  const smtp = await startSmtpCapture();
  const site = await createSiteHarness(dialect, now, {
    SMTP_URL: smtp.url,
    DIGEST_FROM: "Resou Digest <digest@resou.example>",
    DIGEST_SEND_PER_MINUTE: "6000",
  });
  await storeFixtureDay(site.database);
  return { site, smtp };
}
