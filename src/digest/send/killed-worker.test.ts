import { spawn } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addSubscriber } from "../../../test/support/digest-fixtures.js";
import { type SmtpCapture, startSmtpCapture } from "../../../test/support/smtp-capture.js";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../../test/support/test-database.js";
import { writerChangeFeed } from "../../changes/database-change-feed.js";
import { loadConfig } from "../../config/env.js";
import { systemClock } from "../../core/clock.js";
import { silentLogger } from "../../core/log.js";
import { startWorker } from "../../jobs/worker.js";
import { systemContext } from "../../newsroom/audit-log.js";
import { digestJobHandlers } from "../digest-jobs.js";
import { requestSend } from "../digest-service.js";
import { issueFor } from "../issue-store.js";

const READERS = 6;
const KILL_AT = 2;

describe.each(TEST_DIALECTS)("exactly-once sending across a killed worker on %s", (dialect) => {
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let release: (verdict: "drop") => void = () => undefined;
  let holding: Promise<void>;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    let held: () => void = () => undefined;
    holding = new Promise<void>((resolve) => {
      held = resolve;
    });
    // The third message is never answered: its worker is killed while the server holds it.
    smtp = await startSmtpCapture(async (index) => {
      if (index !== KILL_AT) return "accept";
      held();
      return new Promise((resolve) => {
        release = resolve;
      });
    });
  });
  afterEach(async () => {
    release("drop");
    await smtp.close();
    await database.destroy();
  });

  it("a worker killed with SIGKILL mid-send: the next worker sends each reader one copy", async () => {
    const now = new Date();
    const at = now.toISOString();
    for (let i = 0; i < READERS; i++) {
      await addSubscriber(database, `reader${i}@example.com`, { at });
    }
    const issue = await issueFor(database.db, "daily", "2025-08-26", now);
    expect(await requestSend(database.db, issue, true, systemContext, now)).toBe(true);
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      DATABASE_SCHEMA: database.schema,
      SMTP_URL: smtp.url,
      SITE_URL: "https://resou.example",
      DIGEST_SEND_PER_MINUTE: "6000",
      LOG_LEVEL: "silent",
    };
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/support/digest-send-worker-child.ts"],
      { env, stdio: ["ignore", "pipe", "inherit"] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, signal) => resolve(signal)),
    );
    await holding;
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    release("drop");

    const rows = await database.db
      .selectFrom("digest_delivery")
      .selectAll()
      .orderBy("subscriber_id")
      .execute();
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "sending"]);
    expect(smtp.received).toHaveLength(KILL_AT);

    // A second worker, told to presume silent claims and jobs dead after a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const config = loadConfig({
      DATABASE_URL: database.url,
      SITE_URL: "https://resou.example",
      SMTP_URL: smtp.url,
      DIGEST_SEND_PER_MINUTE: "6000",
      DIGEST_CLAIM_STALE_SECONDS: "1",
    });
    const worker = startWorker({
      database,
      clock: systemClock,
      log: silentLogger,
      handlers: digestJobHandlers({
        database,
        config,
        clock: systemClock,
        log: silentLogger,
        changes: await writerChangeFeed(database, silentLogger),
      }),
      pollMs: 100,
      staleAfterMs: 1000,
    });
    try {
      await smtp.waitFor(READERS);
      for (let i = 0; i < 50; i++) {
        const row = await database.db
          .selectFrom("digest_issue")
          .select("status")
          .where("id", "=", issue.id)
          .executeTakeFirstOrThrow();
        if (row.status === "sent") break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await worker.stop();
    }
    const recipients = smtp.received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ""));
    expect(recipients.sort()).toEqual(
      Array.from({ length: READERS }, (_, i) => `reader${i}@example.com`).sort(),
    );
    const after = await database.db.selectFrom("digest_delivery").selectAll().execute();
    expect(after).toHaveLength(READERS);
    expect(after.every((r) => r.status === "sent")).toBe(true);
    const retried = after.find((r) => r.attempts === 2);
    expect(retried?.subscriber_id).toBe(rows[KILL_AT]?.subscriber_id);
    const status = await database.db
      .selectFrom("digest_issue")
      .select("status")
      .where("id", "=", issue.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe("sent");
  });
});
