import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

export interface ScryptParams {
  /** CPU/memory cost; memory is 128·N·r bytes. */
  n: number;
  r: number;
  /** Independent mixes, run one after another by Node: time grows with N·p. */
  p: number;
}

/**
 * New hashes: N=2^14, r=8, p=5 (16 MiB), one of the settings OWASP's Password Storage
 * Cheat Sheet lists as equal to its scrypt minimum (N=2^17, r=8, p=1). Of that list it
 * costs the least time (N·p = 81,920, shared with N=2^13, p=10, which uses half the
 * memory), so a sign-in stays cheap while an offline guess stays at OWASP's floor.
 * The previous default (N=2^16, r=8, p=1) was below that floor and took about six
 * times longer; such hashes still verify and are replaced at their next sign-in.
 */
export const DEFAULT_PARAMS: ScryptParams = { n: 1 << 14, r: 8, p: 5 };
/** A bare number is N with r=8, p=1: only tests use that, to stay fast. */
export type PasswordCost = number | ScryptParams;
const KEY_LENGTH = 32;

const paramsOf = (cost: PasswordCost): ScryptParams =>
  typeof cost === "number" ? { n: cost, r: 8, p: 1 } : cost;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize("NFC"),
      salt,
      KEY_LENGTH,
      { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/**
 * Hashes a password as `scrypt$N$r$p$salt$hash` (base64url). The parameters travel with
 * the hash, so raising the cost later still verifies old hashes.
 */
export async function hashPassword(
  password: string,
  cost: PasswordCost = DEFAULT_PARAMS,
): Promise<string> {
  const { n, r, p } = paramsOf(cost);
  const salt = randomBytes(16);
  const key = await derive(password, salt, n, r, p);
  return ["scrypt", n, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Whether a stored hash was made with other parameters than `cost` (so: hash it again). */
export function needsRehash(stored: string, cost: PasswordCost = DEFAULT_PARAMS): boolean {
  const { n, r, p } = paramsOf(cost);
  return !stored.startsWith(`scrypt$${n}$${r}$${p}$`);
}

/** Constant-time check; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  // Bounds keep a tampered row from costing minutes or gigabytes per check.
  if (![n, r, p].every((v) => Number.isInteger(v) && v > 0)) return false;
  if (n > 1 << 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const expected = Buffer.from(parts[5] ?? "", "base64url");
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, salt, n, r, p);
  return timingSafeEqual(actual, expected);
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
  const key = JSON.stringify(paramsOf(cost));
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
