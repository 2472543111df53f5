import type { SiteDeps } from "../web/site-deps.js";
import { type PasswordGate, processPasswordGate } from "./auth/password-gate.js";
import type { PasswordCost } from "./auth/password-hash.js";
import type { SessionOptions } from "./auth/session-store.js";
import type { ArticleChangeHook } from "./commands/article-hooks.js";

/** What newsroom routes and commands need beyond the site's own dependencies. */
export interface NewsroomDeps extends SiteDeps {
  session: SessionOptions;
  /** scrypt parameters for new password hashes; tests lower them. */
  passwordCost?: PasswordCost;
  /** Caps the password checks running at once (process-wide unless a test passes its own). */
  passwordChecks: PasswordGate;
  /** Run after publish, unpublish, correction and live edits (page cache, related lists). */
  hooks: ArticleChangeHook[];
}

export interface NewsroomOptions {
  passwordCost?: PasswordCost;
  passwordChecks?: PasswordGate;
  hooks?: ArticleChangeHook[];
}

export function newsroomDeps(deps: SiteDeps, options: NewsroomOptions = {}): NewsroomDeps {
  const ttlHours = deps.config.SESSION_TTL_HOURS;
  return {
    ...deps,
    session: { ttlMs: ttlHours * 3_600_000, maxAgeMs: Math.max(ttlHours, 24 * 7) * 3_600_000 },
    ...(options.passwordCost === undefined ? {} : { passwordCost: options.passwordCost }),
    passwordChecks: options.passwordChecks ?? processPasswordGate,
    hooks: options.hooks ?? deps.articleListeners ?? [],
  };
}
