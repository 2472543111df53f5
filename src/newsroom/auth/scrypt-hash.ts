import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** scrypt, the format new hashes used before Argon2id: still verified, then replaced. */
export interface ScryptParams {
  algorithm: "scrypt";
  /** CPU/memory cost; memory is 128·N·r bytes. */
  n: number;
  r: number;
  /** Independent mixes, run one after another by Node: time grows with N·p. */
  p: number;
}

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, { n, r, p }: ScryptParams): Promise<Buffer> {
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

/** `scrypt$N$r$p$salt$hash` (base64url): the parameters travel with the hash. */
export async function hashScrypt(password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  const { n, r, p } = params;
  return ["scrypt", n, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export function scryptPrefix({ n, r, p }: ScryptParams): string {
  return `scrypt$${n}$${r}$${p}$`;
}

/** Constant-time check; a malformed stored hash never matches. */
export async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  // Bounds keep a tampered row from costing minutes or gigabytes per check.
  if (![n, r, p].every((v) => Number.isInteger(v) && v > 0)) return false;
  if (n > 1 << 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const expected = Buffer.from(parts[5] ?? "", "base64url");
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, salt, { algorithm: "scrypt", n, r, p });
  return timingSafeEqual(actual, expected);
}
