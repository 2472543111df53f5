import type nodemailerModule from "nodemailer";
import { lazyPackage } from "../../core/lazy-package.js";

const nodemailer = lazyPackage<typeof nodemailerModule>("nodemailer");

/** One message as the digest sends it: both parts and any extra headers. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** Same id on a repeat, so a client that sees it twice can fold the copies together. */
  messageId?: string;
}

export interface SentMail {
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

/** Longest wait for one SMTP step; must stay well below DIGEST_CLAIM_STALE_SECONDS. */
export const SMTP_TIMEOUT_MS = 30_000;

/**
 * SMTP through nodemailer, from `SMTP_URL` (`smtp://user:pass@host:587` upgrades with
 * STARTTLS when offered; `smtps://host:465` is TLS from the start). Null when unset: the
 * web and feed versions publish regardless, and nothing is queued for mail.
 */
export function createMailer(smtpUrl: string | undefined): Mailer | null {
  if (!smtpUrl) return null;
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const transport = nodemailer().createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? {
          auth: {
            user: decodeURIComponent(url.username),
            pass: decodeURIComponent(url.password),
          },
        }
      : {}),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers ?? {},
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
      });
      return { messageId: String(info.messageId) };
    },
    close() {
      transport.close();
    },
  };
}

/**
 * Whether an SMTP failure is final for this address (a 5xx reply: no such mailbox, refused)
 * rather than worth a retry (4xx, timeouts, connection trouble).
 */
export function isPermanentFailure(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}
