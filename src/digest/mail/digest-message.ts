import type { Config } from "../../config/env.js";
import { editionName, issuePath, issueTitle } from "../digest-format.js";
import type { Digest } from "../digest-model.js";
import { digestEmailHtml } from "../email/digest-email-html.js";
import { digestEmailText } from "../email/digest-email-text.js";
import type { EmailLinks } from "../email/email-links.js";
import { linkToken } from "../subscribers/link-tokens.js";
import type { OutgoingMail } from "./mailer.js";

type MailConfig = Pick<
  Config,
  "SITE_URL" | "SITE_NAME" | "DIGEST_FROM" | "DIGEST_UNSUBSCRIBE_MAILTO"
>;

/** The bare address inside `Name <address>` (or the whole text when there are no brackets). */
export function bareAddress(from: string): string {
  const m = /<([^<>]+)>\s*$/.exec(from);
  return (m?.[1] ?? from).trim();
}

export function subscriberLinks(
  config: MailConfig,
  key: Buffer,
  subscriberId: number,
  digest: Pick<Digest, "window">,
): EmailLinks {
  const q = (purpose: "unsubscribe" | "preferences") =>
    `?s=${subscriberId}&t=${linkToken(key, purpose, subscriberId)}`;
  return {
    web: `${config.SITE_URL}${issuePath(digest.window)}`,
    unsubscribe: `${config.SITE_URL}/digest/unsubscribe${q("unsubscribe")}`,
    preferences: `${config.SITE_URL}/digest/preferences${q("preferences")}`,
  };
}

/** Only the articles in the reader's chosen categories (all when none were chosen). */
export function forReader(digest: Digest, categories: string[]): Digest {
  if (categories.length === 0) return digest;
  const wanted = new Set(categories);
  return { ...digest, articles: digest.articles.filter((a) => wanted.has(a.categorySlug)) };
}

function subject(config: MailConfig, digest: Digest): string {
  return `${config.SITE_NAME} ${editionName(digest.window).toLowerCase()}: ${issueTitle(digest.window)}`;
}

/**
 * One subscriber's copy. `List-Unsubscribe` carries the https link (RFC 8058 one-click POST
 * with `List-Unsubscribe-Post`) and a mailto for clients that only do mail; the body has
 * the same link. The Message-ID is fixed per issue and subscriber.
 */
export async function subscriberMail(
  config: MailConfig,
  key: Buffer,
  digest: Digest,
  subscriber: { id: number; email: string; categories: string[] },
  issueId: number,
): Promise<OutgoingMail> {
  const links = subscriberLinks(config, key, subscriber.id, digest);
  const reader = forReader(digest, subscriber.categories);
  const site = { siteName: config.SITE_NAME, siteUrl: config.SITE_URL };
  const host = new URL(config.SITE_URL).hostname;
  const mailto = config.DIGEST_UNSUBSCRIBE_MAILTO ?? bareAddress(config.DIGEST_FROM);
  const token = linkToken(key, "unsubscribe", subscriber.id);
  return {
    from: config.DIGEST_FROM,
    to: subscriber.email,
    subject: subject(config, digest),
    text: digestEmailText(reader, site, links),
    html: await digestEmailHtml(reader, site, links),
    messageId: `<digest-${issueId}-${subscriber.id}@${host}>`,
    headers: {
      "List-Unsubscribe": `<${links.unsubscribe}>, <mailto:${mailto}?subject=${encodeURIComponent(`unsubscribe ${subscriber.id} ${token}`)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "List-Id": `${config.SITE_NAME} digest <digest.${host}>`,
    },
  };
}

/** A test copy for an editor: marked in the subject, links to the public pages only. */
export async function testMail(
  config: MailConfig,
  digest: Digest,
  to: string,
): Promise<OutgoingMail> {
  const web = `${config.SITE_URL}${issuePath(digest.window)}`;
  const links: EmailLinks = {
    web,
    unsubscribe: `${config.SITE_URL}/digest`,
    preferences: `${config.SITE_URL}/digest`,
  };
  const site = { siteName: config.SITE_NAME, siteUrl: config.SITE_URL };
  return {
    from: config.DIGEST_FROM,
    to,
    subject: `[Test] ${subject(config, digest)}`,
    text: digestEmailText(digest, site, links),
    html: await digestEmailHtml(digest, site, links),
  };
}

/** The double opt-in email: the link is the only place the token exists. */
export function confirmMail(
  config: MailConfig & Pick<Config, "DIGEST_CONFIRM_HOURS">,
  to: string,
  token: string,
): OutgoingMail {
  const link = `${config.SITE_URL}/digest/confirm?t=${token}`;
  const hours = config.DIGEST_CONFIRM_HOURS;
  const text = [
    `Please confirm that you want the ${config.SITE_NAME} digest at this address:`,
    "",
    link,
    "",
    `The link works for ${hours} hours. If you did not ask for this, ignore this email and nothing will be sent.`,
  ].join("\n");
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>Confirm your subscription</title></head><body style="margin:0;padding:16px;font-family:Arial,sans-serif;font-size:16px;line-height:1.5;"><p>Please confirm that you want the ${escapeHtml(config.SITE_NAME)} digest at this address:</p><p><a href="${escapeHtml(link)}" style="color:#b3261e;font-weight:bold;">Confirm my subscription</a></p><p style="color:#5c5c5c;font-size:13px;">The link works for ${hours} hours. If you did not ask for this, ignore this email and nothing will be sent.</p></body></html>`;
  return {
    from: config.DIGEST_FROM,
    to,
    subject: `Confirm your ${config.SITE_NAME} digest subscription`,
    text: `${text}\n`,
    html,
  };
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
