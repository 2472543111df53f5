import type { Context, ErrorHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  type ErrorId,
  type FieldProblem,
  isAppError,
  isUnavailable,
  RETRY_AFTER_SECONDS,
} from "../core/errors.js";
import type { Logger } from "../core/log.js";

/** What a visitor may learn of a failure: never a stack, never an internal message. */
export interface ShownError {
  status: ContentfulStatusCode;
  id: ErrorId;
  message: string;
  fields: FieldProblem[];
}

/** Renders a shown error the way one part of the site answers (a page, JSON, a newsroom page). */
export type ErrorPresenter = (c: Context, shown: ShownError) => Response | Promise<Response>;

/** The presenter for every path under `prefix`. */
export interface ErrorArea {
  prefix: string;
  present: ErrorPresenter;
}

const INTERNAL_MESSAGE = "Something went wrong on our side. Please try again in a minute.";

/**
 * The one place a thrown error becomes a response: it decides what is safe to show, logs what
 * is not, adds `Retry-After` when the database is busy, and hands the result to the presenter of
 * the area the path belongs to (the longest matching prefix, else `fallback`).
 */
export function errorMapper(
  log: Logger,
  areas: ErrorArea[],
  fallback: ErrorPresenter,
): ErrorHandler {
  const byLength = [...areas].sort((a, b) => b.prefix.length - a.prefix.length);
  return (error, c) => {
    const expected = isAppError(error) && (error.status < 500 || isUnavailable(error));
    if (isUnavailable(error)) c.header("Retry-After", String(RETRY_AFTER_SECONDS));
    const shown: ShownError =
      expected && isAppError(error)
        ? {
            status: error.status as ContentfulStatusCode,
            id: error.id,
            message: error.message,
            fields: error.details.fields ?? [],
          }
        : { status: 500, id: "internal", message: INTERNAL_MESSAGE, fields: [] };
    if (!expected) log.error({ err: error, path: c.req.path }, "request failed");
    const area = byLength.find((a) => c.req.path.startsWith(a.prefix));
    return (area?.present ?? fallback)(c, shown);
  };
}
