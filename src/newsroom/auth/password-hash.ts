import { type Argon2Params, argon2Prefix, hashArgon2, verifyArgon2 } from "./argon2-hash.js";
import { hashScrypt, type ScryptParams, scryptPrefix, verifyScrypt } from "./scrypt-hash.js";

export type { Argon2Params } from "./argon2-hash.js";
export type { ScryptParams } from "./scrypt-hash.js";

/**
 * New hashes: Argon2id with 19 MiB, 2 passes, 1 lane, the first configuration OWASP's
 * Password Storage Cheat Sheet lists (its minimum). It costs about 15 ms of CPU per
 * check here (`npm run bench -- password`), where scrypt at OWASP's minimum
 * (N=2^14, r=8, p=5, the previous default) cost about 157 ms. Hashes in the older scrypt
 * format still verify and are replaced at their owner's next sign-in.
 */
export const DEFAULT_PARAMS: Argon2Params = {
  algorithm: "argon2id",
  memoryKiB: 19_456,
  iterations: 2,
  parallelism: 1,
};
/** Parameters for new hashes; scrypt only so tests can make hashes in the old format. */
export type PasswordCost = Argon2Params | ScryptParams;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/** Hashes a password; the parameters travel with the hash, so raising them later still verifies. */
export function hashPassword(
  password: string,
  cost: PasswordCost = DEFAULT_PARAMS,
): Promise<string> {
  return cost.algorithm === "argon2id" ? hashArgon2(password, cost) : hashScrypt(password, cost);
}

/** Whether a stored hash was made with another algorithm or parameters than `cost`. */
export function needsRehash(stored: string, cost: PasswordCost = DEFAULT_PARAMS): boolean {
  const prefix = cost.algorithm === "argon2id" ? argon2Prefix(cost) : scryptPrefix(cost);
  return !stored.startsWith(prefix);
}

/** Constant-time check of either format; a malformed stored hash never matches. */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith("$argon2id$")) return verifyArgon2(password, stored);
  return verifyScrypt(password, stored);
}

const dummies = new Map<string, Promise<string>>();
/**
 * Spends the same time as a real check (with the parameters new hashes get), so an
 * unknown email is not revealed by speed.
 */
export async function burnVerifyTime(
  password: string,
  cost: PasswordCost = DEFAULT_PARAMS,
): Promise<void> {
  const key = JSON.stringify(cost);
  let dummy = dummies.get(key);
  if (!dummy) {
    dummy = hashPassword("not-a-real-password-ever", cost);
    dummies.set(key, dummy);
  }
  await verifyPassword(password, await dummy);
}

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (new Set(password).size < 5) return "must not repeat the same few characters";
  return undefined;
}
