import { hash, parseOptions, verify } from "@node-rs/argon2";

/** Argon2id (RFC 9106), version 0x13, 32-byte output and 16-byte random salt. */
export interface Argon2Params {
  algorithm: "argon2id";
  /** Memory in KiB (`m=` in the PHC string). */
  memoryKiB: number;
  /** Passes over that memory (`t=`). */
  iterations: number;
  /** Lanes (`p=`); each gets memoryKiB / parallelism. */
  parallelism: number;
}

// Bounds keep a tampered row from costing seconds or gigabytes per check.
const MAX_MEMORY_KIB = 256 * 1024;
const MAX_ITERATIONS = 16;
const MAX_PARALLELISM = 8;

/** The PHC string: `$argon2id$v=19$m=…,t=…,p=…$salt$hash`. */
export async function hashArgon2(password: string, params: Argon2Params): Promise<string> {
  // The binding's default algorithm is Argon2id and its default version 0x13 (19);
  // its enums are `const enum`s, which isolated modules cannot read, so rely on both
  // defaults and check the result instead.
  const encoded = await hash(password.normalize("NFC"), {
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    outputLen: 32,
  });
  if (!encoded.startsWith(argon2Prefix(params))) {
    throw new Error(`argon2 produced an unexpected hash format: ${encoded.slice(0, 32)}`);
  }
  return encoded;
}

export function argon2Prefix({ memoryKiB, iterations, parallelism }: Argon2Params): string {
  return `$argon2id$v=19$m=${memoryKiB},t=${iterations},p=${parallelism}$`;
}

/** Constant-time check (inside the binding); a malformed or oversized hash never matches. */
export async function verifyArgon2(password: string, stored: string): Promise<boolean> {
  if (!stored.startsWith("$argon2id$v=19$")) return false;
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(stored);
  } catch {
    return false;
  }
  if (parsed.memoryCost > MAX_MEMORY_KIB || parsed.timeCost > MAX_ITERATIONS) return false;
  if (parsed.parallelism > MAX_PARALLELISM || parsed.outputLen !== 32) return false;
  try {
    return await verify(stored, password.normalize("NFC"));
  } catch {
    return false;
  }
}
