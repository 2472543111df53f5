import { parseArgs } from "node:util";
import type { Config } from "../config/env.js";
import type { Clock } from "../core/clock.js";
import type { Database } from "../db/database.js";
import { recordAudit, systemContext } from "../newsroom/audit-log.js";
import { digestForIssue } from "./digest-service.js";
import { isDay } from "./digest-window.js";
import { digestEmailHtml } from "./email/digest-email-html.js";
import { digestEmailText } from "./email/digest-email-text.js";
import { issueFor } from "./issue-store.js";
import { subscriberLinks, testMail } from "./mail/digest-message.js";
import { createMailer } from "./mail/mailer.js";
import {
  deleteSubscriber,
  emailAddress,
  exportSubscriber,
} from "./subscribers/subscriber-store.js";

export interface DigestCliContext {
  database: Database;
  config: Config;
  clock: Clock;
  out(line: string): void;
  err(line: string): void;
}

const OK = 0;
const FAILED = 1;
const USAGE = 2;

function options(args: string[], spec: Record<string, { type: "string" }>) {
  try {
    return parseArgs({ args, options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** `digest preview --date YYYY-MM-DD [--format text|html] [--edition daily|weekly]` */
export async function runDigestPreview(ctx: DigestCliContext, args: string[]): Promise<number> {
  const parsed = options(args, {
    date: { type: "string" },
    format: { type: "string" },
    edition: { type: "string" },
  });
  if (typeof parsed === "string") return usage(ctx, parsed);
  const { date, format = "text", edition = "daily" } = parsed.values;
  if (!date || !isDay(date)) return usage(ctx, "--date YYYY-MM-DD is required");
  if (format !== "text" && format !== "html") return usage(ctx, "--format is text or html");
  if (edition !== "daily" && edition !== "weekly")
    return usage(ctx, "--edition is daily or weekly");
  const issue = await issueFor(ctx.database.db, edition, date, ctx.clock.now());
  const digest = await digestForIssue(ctx.database.db, issue, ctx.config);
  const site = { siteName: ctx.config.SITE_NAME, siteUrl: ctx.config.SITE_URL };
  // A preview shows the links a reader's copy has, for a reader who does not exist (id 0).
  const links = subscriberLinks(ctx.config, Buffer.alloc(32), 0, digest);
  const body =
    format === "html"
      ? await digestEmailHtml(digest, site, links)
      : digestEmailText(digest, site, links);
  for (const line of body.replace(/\n$/, "").split("\n")) ctx.out(line);
  return OK;
}

/** `digest send --date YYYY-MM-DD --to <address>`: one test copy, nothing recorded as sent. */
export async function runDigestSend(ctx: DigestCliContext, args: string[]): Promise<number> {
  const parsed = options(args, {
    date: { type: "string" },
    to: { type: "string" },
    edition: { type: "string" },
  });
  if (typeof parsed === "string") return usage(ctx, parsed);
  const { date, to, edition = "daily" } = parsed.values;
  if (!date || !isDay(date)) return usage(ctx, "--date YYYY-MM-DD is required");
  const address = emailAddress.safeParse(to ?? "");
  if (!address.success) return usage(ctx, "--to <address> is required");
  if (edition !== "daily" && edition !== "weekly")
    return usage(ctx, "--edition is daily or weekly");
  const mailer = createMailer(ctx.config.SMTP_URL);
  if (!mailer) {
    ctx.err("SMTP_URL is not set; nothing was sent.");
    return USAGE;
  }
  try {
    const now = ctx.clock.now();
    const issue = await issueFor(ctx.database.db, edition, date, now);
    const digest = await digestForIssue(ctx.database.db, issue, ctx.config);
    const info = await mailer.send(await testMail(ctx.config, digest, address.data));
    await recordAudit(
      ctx.database.db,
      { ...systemContext, actorLabel: "cli" },
      {
        action: "digest.test",
        targetType: "digest_issue",
        targetId: issue.id,
        detail: { to: address.data },
      },
      now,
    );
    ctx.out(`Sent a test copy of ${edition} ${date} to ${address.data} (${info.messageId}).`);
    return OK;
  } catch (error) {
    ctx.err(`Sending failed: ${error instanceof Error ? error.message : String(error)}`);
    return FAILED;
  } finally {
    mailer.close();
  }
}

/** `digest subscriber export|delete <address>`: a reader's request about their own data. */
export async function runDigestSubscriber(ctx: DigestCliContext, args: string[]): Promise<number> {
  const [action, raw] = args;
  const address = emailAddress.safeParse(raw ?? "");
  if ((action !== "export" && action !== "delete") || !address.success) {
    return usage(ctx, "subscriber export|delete <address>");
  }
  const now = ctx.clock.now();
  const cli = { ...systemContext, actorLabel: "cli" };
  if (action === "export") {
    const data = await exportSubscriber(ctx.database.db, address.data);
    await recordAudit(
      ctx.database.db,
      cli,
      {
        action: "digest.subscriber.export",
        targetType: "digest_subscriber",
        detail: { found: data !== null },
      },
      now,
    );
    if (!data) {
      ctx.err("Nothing is stored for that address.");
      return FAILED;
    }
    ctx.out(JSON.stringify(data, null, 2));
    return OK;
  }
  const deleted = await deleteSubscriber(ctx.database.db, address.data);
  await recordAudit(
    ctx.database.db,
    cli,
    {
      action: "digest.subscriber.delete",
      targetType: "digest_subscriber",
      detail: { found: deleted },
    },
    now,
  );
  ctx.out(
    deleted
      ? "Deleted the subscription and its delivery history."
      : "No subscription for that address.",
  );
  return deleted ? OK : FAILED;
}

function usage(ctx: DigestCliContext, message: string): number {
  ctx.err(message);
  return USAGE;
}
