import type { z } from "zod";
import type { FetchFailure } from "../fetch-failure.js";
import { failure } from "../fetch-failure.js";
import type { LiveSourceId, ParsedList } from "../trend-row.js";
import { weiboStatusSchema } from "./m-weibo-cn-payload.js";

/** Request settings shared by every source; cookie and user agent come from config. */
export interface SourceSettings {
  cookie: string;
  userAgent: string;
  /** Replaces scheme+host of every source URL (tests point this at a local server). */
  originOverride?: string;
}

export interface SourceRequest {
  url: string;
  headers: Record<string, string>;
}

/** One hot-search endpoint: how to ask it and how to read its answer. */
export interface TrendSource {
  id: LiveSourceId;
  /** What a good answer's Content-Type must contain. */
  contentType: "json" | "html";
  request(settings: SourceSettings): SourceRequest;
  parse(body: string): ParsedList | FetchFailure;
}

/**
 * A request as a browser on Weibo would send it: the configured user agent and cookie,
 * Chinese as the accepted language, plus the endpoint's own headers.
 */
export function weiboRequest(
  url: string,
  settings: SourceSettings,
  headers: Record<string, string>,
): SourceRequest {
  const all: Record<string, string> = {
    "Accept-Language": "zh-CN,zh;q=0.9",
    ...headers,
    "User-Agent": settings.userAgent,
  };
  if (settings.cookie) all.Cookie = settings.cookie;
  return { url: withOrigin(url, settings.originOverride), headers: all };
}

export function withOrigin(url: string, origin: string | undefined): string {
  if (!origin) return url;
  const parsed = new URL(url);
  return `${origin.replace(/\/+$/, "")}${parsed.pathname}${parsed.search}`;
}

/** The "Sina Visitor System" page minted when Weibo wants a visitor cookie. */
export function isVisitorPage(body: string): boolean {
  return /Sina Visitor System|visitor\/mini_original\.js|passport\.weibo\.c(n|om)\/visitor/i.test(
    body.slice(0, 4000),
  );
}

/** JSON.parse that tells a cut-off body from one that was never JSON. */
export function parseJsonBody(body: string): { value: unknown } | FetchFailure {
  const text = body.trim();
  if (isVisitorPage(text))
    return failure("visitor_system", "Sina Visitor System page instead of JSON");
  if (text === "") return failure("truncated", "empty body");
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failure(isCutOff(text) ? "truncated" : "invalid_json", message.slice(0, 200));
  }
}

/** True when a JSON text opens a structure it never closes: the body was cut off. */
export function isCutOff(text: string): boolean {
  if (!/^[[{]/.test(text)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++;
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) depth++;
    else if (ch === 125 || ch === 93) depth--;
  }
  return inString || depth > 0;
}

export function isFailure(value: unknown): value is FetchFailure {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false;
}

/**
 * A Weibo JSON answer checked in the order its failures happen: JSON at all (not the
 * visitor page, not cut off), an `ok` field, `ok == 1` (-100 means a login is wanted),
 * then the payload's own shape.
 */
export function parseWeiboPayload<T>(
  body: string,
  schema: z.ZodType<T>,
): { data: T } | FetchFailure {
  const json = parseJsonBody(body);
  if (isFailure(json)) return json;
  const status = weiboStatusSchema.safeParse(json.value);
  if (!status.success) return failure("shape", "no numeric `ok` field");
  if (status.data.ok === -100)
    return failure("login_required", `ok:-100 ${status.data.msg ?? ""}`.trim());
  if (status.data.ok !== 1)
    return failure("not_ok", `ok:${status.data.ok} ${status.data.msg ?? ""}`.trim());
  const payload = schema.safeParse(json.value);
  if (!payload.success)
    return failure("shape", payload.error.issues[0]?.message ?? "unexpected shape");
  return { data: payload.data };
}
