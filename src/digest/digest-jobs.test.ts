import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addSubscriber,
  FIXTURE_DAY,
  runDigestJobs,
  storeFixtureDay,
} from "../../test/support/digest-fixtures.js";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import { type SmtpCapture, startSmtpCapture } from "../../test/support/smtp-capture.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { silentLogger } from "../core/log.js";
import { runTick } from "../jobs/scheduler.js";
import { systemContext } from "../newsroom/audit-log.js";
import { digestTask, runDigestTick } from "./digest-jobs.js";
import { scheduleIssue } from "./digest-service.js";
import { findIssue, issueFor } from "./issue-store.js";

// 07:30 in Beijing on the 27th is 23:30 UTC on the 26th: in UTC the 26th has not ended yet,
// so publishing the 26th at this instant shows the digest zone, not UTC, decides the day.
const BEFORE = "2025-08-26T23:29:59Z";
const AT = "2025-08-26T23:30:00Z";

describe.each(TEST_DIALECTS)("the daily digest task on %s", (dialect) => {
  let smtp: SmtpCapture;
  let site: SiteHarness;
  const harness = async (env: Record<string, string>) => {
    site = await createSiteHarness(dialect, BEFORE, {
      SMTP_URL: smtp.url,
      DIGEST_FROM: "Resou Digest <digest@resou.example>",
      DIGEST_SEND_PER_MINUTE: "6000",
      DIGEST_TIME_ZONE: "Asia/Shanghai",
      DIGEST_SEND_AT: "07:30",
      ...env,
    });
    await storeFixtureDay(site.database);
    await addSubscriber(site.database, "reader@example.com");
  };
  beforeEach(async () => {
    smtp = await startSmtpCapture();
  });
  afterEach(async () => {
    await site?.destroy();
    await smtp.close();
  });

  const jobs = () =>
    site.database.db.selectFrom("job").selectAll().where("kind", "=", "digest.send").execute();
  const daily = () => findIssue(site.database.db, "daily", FIXTURE_DAY);

  it("publishes and sends yesterday's issue once the set local time has come, once", async () => {
    await harness({ DIGEST_AUTO_SEND: "1" });
    await runDigestTick(site.deps);
    expect(await daily()).toBeUndefined();
    expect((await site.request(`/digest/${FIXTURE_DAY}`)).status).toBe(404);

    site.clock.set(AT);
    await runDigestTick(site.deps);
    const issue = await daily();
    expect(issue?.published_at).toBe(new Date(AT).toISOString());
    expect(issue?.status).toBe("sending");
    expect(await jobs()).toHaveLength(1);
    expect((await site.request(`/digest/${FIXTURE_DAY}`)).status).toBe(200);
    // The Tuesday issue has no weekly edition (the weekly day is Sunday).
    expect(await findIssue(site.database.db, "weekly", FIXTURE_DAY)).toBeUndefined();

    // Every later minute runs it again: nothing more is queued, the date does not move.
    site.clock.set("2025-08-26T23:31:00Z");
    await runDigestTick(site.deps);
    await runDigestTick(site.deps);
    expect(await jobs()).toHaveLength(1);
    expect((await daily())?.published_at).toBe(issue?.published_at);

    await runDigestJobs(site.deps);
    expect(smtp.received).toHaveLength(1);
    expect((await daily())?.status).toBe("sent");
    site.clock.set("2025-08-27T10:00:00Z");
    await runDigestTick(site.deps);
    await runDigestJobs(site.deps);
    expect(smtp.received).toHaveLength(1);
  });

  it("after an outage publishes the missed days that have snapshots, and mails only the newest", async () => {
    await harness({ DIGEST_AUTO_SEND: "1" });
    // Down from before the 26th's send time until after the 28th's (07:30 on the 29th in
    // Beijing): the 26th has the stored captures, the 27th and 28th have none.
    site.clock.set("2025-08-28T23:30:00Z");
    await runDigestTick(site.deps);
    const missed = await daily();
    expect(missed?.published_at).not.toBeNull();
    expect(missed?.status).toBe("draft");
    expect(await findIssue(site.database.db, "daily", "2025-08-27")).toBeUndefined();
    const newest = await findIssue(site.database.db, "daily", "2025-08-28");
    expect(newest?.status).toBe("sending");
    const queued = await jobs();
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0]?.payload ?? "{}")).toEqual({ issueId: newest?.id });
    expect((await site.request(`/digest/${FIXTURE_DAY}`)).status).toBe(200);
    await runDigestTick(site.deps);
    expect(await jobs()).toHaveLength(1);
  });

  it("without auto-send publishes on the web only, and sends what an editor scheduled", async () => {
    await harness({});
    site.clock.set(AT);
    await runDigestTick(site.deps);
    expect((await daily())?.status).toBe("draft");
    expect((await daily())?.published_at).not.toBeNull();
    expect(await jobs()).toHaveLength(0);

    // Scheduled during the next day: sent at that day's set time, not before.
    const next = await issueFor(site.database.db, "daily", "2025-08-27", site.clock.now());
    site.clock.set("2025-08-27T04:00:00Z");
    expect(await scheduleIssue(site.database.db, next, systemContext, site.clock.now())).toBe(true);
    await runDigestTick(site.deps);
    site.clock.set("2025-08-27T23:29:00Z");
    await runDigestTick(site.deps);
    expect(await jobs()).toHaveLength(0);
    site.clock.set("2025-08-27T23:30:00Z");
    await runDigestTick(site.deps);
    await runDigestTick(site.deps);
    expect(await jobs()).toHaveLength(1);
    const sending = await findIssue(site.database.db, "daily", "2025-08-27");
    expect(sending?.status).toBe("sending");
    // The unscheduled 26th stayed a web-only draft.
    expect((await daily())?.status).toBe("draft");
  });

  it("on the weekly day publishes the weekly edition too", async () => {
    await harness({ DIGEST_AUTO_SEND: "1" });
    await addSubscriber(site.database, "weekly@example.com", { frequency: "weekly" });
    // Sunday 31 August ends at 16:00 UTC; 07:30 on Monday in Beijing is 23:30 UTC Sunday.
    site.clock.set("2025-08-31T23:30:00Z");
    await runDigestTick(site.deps);
    const weekly = await findIssue(site.database.db, "weekly", "2025-08-31");
    expect(weekly?.status).toBe("sending");
    expect((await findIssue(site.database.db, "daily", "2025-08-31"))?.status).toBe("sending");
    await runDigestJobs(site.deps);
    const bySubject = smtp.received
      .map((m) => `${m.to && !Array.isArray(m.to) ? m.to.text : ""} ${m.subject}`)
      .sort();
    expect(bySubject).toEqual([
      "reader@example.com Resou daily digest: Sunday 31 August 2025",
      "weekly@example.com Resou weekly digest: The week to Sunday 31 August 2025",
    ]);
  });

  it("runs a tick in one of two scheduler processes, and racing ticks queue one send", async () => {
    await harness({ DIGEST_AUTO_SEND: "1" });
    site.clock.set(AT);
    const options = { database: site.database, clock: site.clock, log: silentLogger };
    const task = digestTask(site.deps);
    const tick = new Date("2025-08-26T23:30:15Z");
    const ran = await Promise.all([
      runTick(options, task, "scheduler-a", tick),
      runTick(options, task, "scheduler-b", tick),
    ]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(await jobs()).toHaveLength(1);
    // Even two runs that escape the lease (two ticks at once) queue a single send.
    await Promise.all([runDigestTick(site.deps), runDigestTick(site.deps)]);
    expect(await jobs()).toHaveLength(1);
    await runDigestJobs(site.deps);
    expect(smtp.received).toHaveLength(1);
  });
});
