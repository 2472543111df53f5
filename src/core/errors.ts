/**
 * The one error vocabulary: every failure a user can see has a stable id, an HTTP status
 * and a message that is safe to show. Programmer mistakes stay plain `Error`s.
 */
export type ErrorId =
  | "not_found"
  | "gone"
  | "validation_failed"
  | "conflict"
  | "unauthorized"
  | "forbidden"
  | "rate_limited"
  | "bad_request"
  | "upstream_failed"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorId, number> = {
  not_found: 404,
  gone: 410,
  validation_failed: 422,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  bad_request: 400,
  upstream_failed: 502,
  unavailable: 503,
  internal: 500,
};

export interface FieldProblem {
  /** Dotted path of the field, e.g. `sections.1.heading`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly id: ErrorId,
    message: string,
    readonly details: { fields?: FieldProblem[]; source?: string } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[id];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found`);
export const gone = (what: string) => new AppError("gone", `${what} has been removed`);
export const conflict = (message: string) => new AppError("conflict", message);
export const badRequest = (message: string) => new AppError("bad_request", message);
export const validationFailed = (message: string, fields: FieldProblem[], source?: string) =>
  new AppError(
    "validation_failed",
    message,
    source === undefined ? { fields } : { fields, source },
  );

/** A temporary condition (the database is busy): the client should retry after a pause. */
export const unavailable = (message: string) => new AppError("unavailable", message);

/** Seconds a client is asked to wait (Retry-After) after an `unavailable` answer. */
export const RETRY_AFTER_SECONDS = 5;

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A temporary failure the client should retry (answered 503 with Retry-After). */
export function isUnavailable(error: unknown): error is AppError {
  return isAppError(error) && error.id === "unavailable";
}
