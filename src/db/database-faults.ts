/**
 * Database failures an operator can act on, told in one line instead of a driver stack.
 * Only this folder knows driver error codes; callers get a message and whether the fault is
 * in the setup (permissions, location: the usage/configuration exit code) or in this run
 * (a lock, a full disk: the work failed and may be retried).
 */
export interface DatabaseFault {
  kind: "configuration" | "failed";
  message: string;
}

const SQLITE_CONFIG = /^SQLITE_(READONLY|CANTOPEN|PERM|AUTH|NOTADB|CORRUPT)/;
const OS_CONFIG = new Set(["EACCES", "EROFS", "EPERM", "ENOTDIR", "ECONNREFUSED", "ENOTFOUND"]);
const PG_CONFIG = new Set(["25006", "42501", "28000", "28P01", "3D000", "3F000"]);
const PG_RETRY = new Set(["55P03", "57014", "40001", "40P01", "53100", "53200", "53300"]);

/** The driver's code, on the error or on the driver error it wraps (`cause`). */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === "string") return code;
  return cause === undefined ? undefined : codeOf(cause);
}

/** The fault behind `error`, or undefined when it is not a database fault we recognise. */
export function describeDatabaseFault(error: unknown, where: string): DatabaseFault | undefined {
  const code = codeOf(error);
  if (!code) return undefined;
  const driver = (error as { cause?: unknown }).cause ?? error;
  const detail = driver instanceof Error ? driver.message : code;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return {
      kind: "failed",
      message: `The database ${where} is busy: another process held its write lock longer than the 5 s wait (${code}). Nothing was changed; run the command again when that process has finished.`,
    };
  }
  if (code.startsWith("SQLITE_READONLY")) {
    return {
      kind: "configuration",
      message: `The database ${where} is read-only: the file or its folder cannot be written by this user (${code}: ${detail}). Fix the permissions or point DATABASE_URL elsewhere.`,
    };
  }
  if (code === "SQLITE_CANTOPEN") {
    return {
      kind: "configuration",
      message: `Cannot open the database ${where}: the file or its folder is missing or read-only for this user (${code}). Fix the permissions or point DATABASE_URL elsewhere.`,
    };
  }
  if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "53100") {
    return {
      kind: "failed",
      message: `The disk holding the database ${where} is full (${code}). Nothing was changed; free space and run the command again.`,
    };
  }
  if (SQLITE_CONFIG.test(code) || OS_CONFIG.has(code) || PG_CONFIG.has(code)) {
    return {
      kind: "configuration",
      message: `Cannot use the database ${where} (${code}: ${detail}). Check DATABASE_URL and the permissions.`,
    };
  }
  if (PG_RETRY.has(code)) {
    return {
      kind: "failed",
      message: `The database ${where} could not finish the work (${code}: ${detail}). Nothing was changed; run the command again.`,
    };
  }
  return undefined;
}

/** The configured database for messages: the SQLite path, or the PostgreSQL URL without its password. */
export function databaseLabel(url: string): string {
  if (url.startsWith("sqlite:")) return url.slice("sqlite:".length);
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}
