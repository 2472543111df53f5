import { existsSync, statSync } from "node:fs";
import { z } from "zod";

/** Process roles one codebase can play; `npm start` runs all three in one process. */
export const ROLES = ["web", "worker", "scheduler"] as const;
export type Role = (typeof ROLES)[number];

const booleanish = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const configSchema = z.object({
  /** TCP port of the web role; 0 picks a free one (tests). */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface the web role listens on; 0.0.0.0 to accept outside connections. */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** `sqlite:<path>` (default, file under ./data) or `postgres://…`. */
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, "must be sqlite:<file> or postgres://…")
    .default("sqlite:./data/resou.db"),
  /** Schema to use on PostgreSQL; tests give each run its own. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case SQL identifier")
    .default("public"),
  /**
   * Folder for files the site keeps besides its database (uploaded images under `media/`).
   * Unset: the SQLite file's folder, or `./data` with PostgreSQL.
   */
  DATA_DIR: z.string().default(""),
  /** Largest image file an editor may upload, in bytes; bigger uploads are refused. */
  MEDIA_MAX_UPLOAD_BYTES: z.coerce.number().int().min(100000).max(100000000).default(15000000),
  /** Comma-separated roles this process plays: web, worker, scheduler. */
  ROLES: z
    .string()
    .default("web,worker,scheduler")
    .transform((s) => s.split(",").map((r) => r.trim()))
    .pipe(z.array(z.enum(ROLES)).min(1)),
  /**
   * Public origin used in canonical links, feeds, sitemaps and share links. Unset, it is the
   * address the server listens on: `http://localhost:<PORT>` (or `http://<HOST>:<PORT>` for
   * a HOST that is not loopback or every interface).
   */
  SITE_URL: z
    .url()
    .optional()
    .transform((u) => u?.replace(/\/+$/, "")),
  /** Site name in the header, titles, feeds and JSON-LD publisher. */
  SITE_NAME: z.string().min(1).max(80).default("Resou"),
  /** Line under the site name in the header; also the feeds' description. */
  SITE_TAGLINE: z.string().max(200).default("China's trending topics, explained"),
  /** Desk byline used when an article names no author. */
  DESK_BYLINE: z.string().min(1).max(80).default("Resou Desk"),
  /** IANA zone used for datelines and date archives. */
  TIME_ZONE: z
    .string()
    .default("Asia/Shanghai")
    .refine(isKnownTimeZone, "must be an IANA time zone such as Asia/Shanghai"),
  /** Load the demo articles when the database has no articles. */
  DEMO_CONTENT: booleanish.default(true),
  /** First start on an empty database: load a recorded day of real hot-search lists as a marked replay. */
  DEMO_TRENDS: booleanish.default(true),
  /** pino log level for the JSON logs on stdout. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Newsroom sign-in: idle hours before a session ends (absolute limit: 7 days). */
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  /** One reverse proxy in front: take the client address from its X-Forwarded-For entry. */
  TRUST_PROXY: booleanish.default(false),
  /** Categories, in navigation order; created at start when missing. */
  CATEGORIES: z
    .string()
    .default("News & Politics,Society,Business & Tech,Entertainment,Sports")
    .transform((s) =>
      s
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(80)).min(1, "needs at least one category")),
  /** Articles per page on category, tag, byline, date-archive and search pages. */
  PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(20),
  /** MB of rendered pages a web process keeps (least recently used goes first); 0 = off. */
  PAGE_CACHE_MAX_MB: z.coerce.number().int().min(0).max(4096).default(64),
  /** Seconds between hot-search polls in the scheduler role (Weibo updates once a minute). */
  TRENDS_POLL_SECONDS: z.coerce.number().int().min(30).max(3600).default(60),
  /** Hot-search sources in failover order: m-weibo-cn, summary-html, side-hotsearch. */
  TRENDS_SOURCES: z
    .string()
    .default("m-weibo-cn,summary-html,side-hotsearch")
    .transform((s) => s.split(",").map((r) => r.trim()))
    .pipe(
      z
        .array(z.enum(["m-weibo-cn", "summary-html", "side-hotsearch"]))
        .min(1)
        .refine((l) => new Set(l).size === l.length, "must not name a source twice"),
    ),
  /** Cookie sent to Weibo, e.g. a visitor `SUB=…`; swap it here without a code change. */
  WEIBO_COOKIE: z.string().default(""),
  /** User-Agent header sent with hot-search fetches. */
  WEIBO_USER_AGENT: z
    .string()
    .min(10, "must be a browser user agent")
    .default(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    ),
  /** Per-request deadline for a hot-search fetch, body included. */
  TRENDS_FETCH_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60000).default(10000),
  /** Tries per source in one poll (transient faults only; anti-bot answers fail over at once). */
  TRENDS_FETCH_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(2),
  /** Publish data-only trend briefs for topics that trended. */
  TRENDS_BRIEFS: booleanish.default(false),
  /** Language model for drafting and English titles: none (default), openai (any OpenAI-compatible server) or local (a GGUF file run in-process). */
  LLM_PROVIDER: z.enum(["none", "openai", "local"]).default("none"),
  /** Base URL of the OpenAI-compatible API for `openai`, e.g. http://127.0.0.1:11434/v1 (Ollama). */
  LLM_BASE_URL: z
    .url()
    .optional()
    .transform((u) => u?.replace(/\/+$/, "")),
  /** Bearer key sent to the `openai` server; empty for local servers that need none. */
  LLM_API_KEY: z.string().default(""),
  /** Model id for `openai` as the server names it (gpt-4o-mini, deepseek-chat, qwen2.5:7b…). */
  LLM_MODEL: z.string().min(1).optional(),
  /** Path of a GGUF model file for `local` (run in-process with node-llama-cpp). */
  LLM_MODEL_PATH: z.string().min(1).optional(),
  /** Deadline for one model request, answer body included. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(900000).default(120000),
  /** Extra tries after a transient failure (429, 5xx, timeout, blank or invalid answer). */
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /** Price per million prompt tokens, for cost per story (unset: cost not shown). */
  LLM_PRICE_INPUT_PER_MTOK: z.coerce.number().min(0).optional(),
  /** Price per million completion tokens, for cost per story (unset: cost not shown). */
  LLM_PRICE_OUTPUT_PER_MTOK: z.coerce.number().min(0).optional(),
  /** Deadline for one research fetch (feed, article page, pasted link), body included. */
  RESEARCH_FETCH_TIMEOUT_MS: z.coerce.number().int().min(500).max(60000).default(15000),
  /** Largest feed or page body research reads, in bytes; bigger answers are refused. */
  RESEARCH_FETCH_MAX_BYTES: z.coerce.number().int().min(10000).max(20000000).default(3000000),
  /** Let research fetch from loopback addresses (local test servers); never in production. */
  RESEARCH_FETCH_ALLOW_LOOPBACK: booleanish.default(false),
  /** User-Agent header sent with research fetches. */
  RESEARCH_USER_AGENT: z
    .string()
    .min(3)
    .default("Mozilla/5.0 (compatible; ResouResearch/1.0; +https://github.com/resou)"),
  /** IANA zone whose calendar day a digest covers. */
  DIGEST_TIME_ZONE: z
    .string()
    .default("Asia/Shanghai")
    .refine(isKnownTimeZone, "must be an IANA time zone such as Asia/Shanghai"),
  /** Local time (HH:MM, digest zone) the daily task publishes yesterday's issue and sends it when scheduled. */
  DIGEST_SEND_AT: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "must be HH:MM (24-hour)")
    .default("07:30"),
  /** Send each day's issue without waiting for an editor to schedule it. */
  DIGEST_AUTO_SEND: booleanish.default(false),
  /** Day of the week (0 Sunday … 6 Saturday) whose issue weekly subscribers receive, covering the seven days up to it. */
  DIGEST_WEEKLY_DAY: z.coerce.number().int().min(0).max(6).default(0),
  /** SMTP server for the digest, e.g. smtp://user:pass@mail.example:587 or smtps://…; unset: web and feed only. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, "must be smtp://… or smtps://…")
    .optional(),
  /** From address of digest emails, e.g. `Resou <digest@resou.example>`. */
  DIGEST_FROM: z.string().min(3).max(200).default("Resou <digest@localhost>"),
  /** Mailbox for `List-Unsubscribe` mailto requests (its mail feeds the webhook); defaults to the From address. */
  DIGEST_UNSUBSCRIBE_MAILTO: z.email().optional(),
  /** Most digest emails one worker sends per minute. */
  DIGEST_SEND_PER_MINUTE: z.coerce.number().int().min(1).max(6000).default(120),
  /** Seconds after which a claimed but unconfirmed send is presumed lost with its worker and retried. */
  DIGEST_CLAIM_STALE_SECONDS: z.coerce.number().int().min(1).max(86400).default(600),
  /** Hours a sign-up confirmation link stays valid. */
  DIGEST_CONFIRM_HOURS: z.coerce.number().int().min(1).max(168).default(48),
  /** Sign-up attempts allowed per client address per hour. */
  DIGEST_SIGNUPS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(5),
  /** Shared secret (Bearer token) for the bounce and complaint webhook; unset: webhook off. */
  DIGEST_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
});

type ParsedConfig = z.infer<typeof configSchema>;
export type Config = Omit<ParsedConfig, "SITE_URL"> & { SITE_URL: string };

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "0.0.0.0", "::"]);

/** Whether the web role listening on `host` is reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

/** The origin a browser on this machine uses to reach a server on `host`:`port`. */
export function listenOrigin(host: string, port: number): string {
  const name = LOCAL_HOSTS.has(host) ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

function withSiteUrl(parsed: ParsedConfig): Config {
  return { ...parsed, SITE_URL: parsed.SITE_URL ?? listenOrigin(parsed.HOST, parsed.PORT) };
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Reads every setting from the environment at once and reports all bad ones together,
 * so an operator fixes the whole file in one go instead of one error per restart.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== "") input[key] = value;
  }
  const parsed = configSchema.safeParse(input);
  const crossField = crossFieldProblems(input);
  if (parsed.success && crossField.length === 0) return Object.freeze(withSiteUrl(parsed.data));
  const problems = (parsed.success ? [] : parsed.error.issues).map((issue) => {
    const key = issue.path.join(".") || "(config)";
    return `${key}=${JSON.stringify(input[String(issue.path[0])] ?? "")}: ${issue.message}`;
  });
  throw new ConfigError([...problems, ...crossField]);
}

/**
 * Settings that are only wrong in combination. Checked on the raw strings so they are
 * reported together with every per-field problem, not after the operator fixed those.
 */
function crossFieldProblems(input: Record<string, string>): string[] {
  const problems: string[] = [];
  if (input.LLM_PROVIDER === "openai") {
    if (!input.LLM_BASE_URL) problems.push('LLM_BASE_URL="": required when LLM_PROVIDER=openai');
    if (!input.LLM_MODEL) problems.push('LLM_MODEL="": required when LLM_PROVIDER=openai');
  }
  if (input.LLM_PROVIDER === "local") {
    const path = input.LLM_MODEL_PATH;
    if (!path) problems.push('LLM_MODEL_PATH="": required when LLM_PROVIDER=local');
    else if (!existsSync(path) || !statSync(path).isFile())
      problems.push(`LLM_MODEL_PATH=${JSON.stringify(path)}: no such file (a GGUF model file)`);
  }
  return problems;
}
