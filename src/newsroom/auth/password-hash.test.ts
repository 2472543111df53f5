import { describe, expect, it } from "vitest";
import {
  type Argon2Params,
  DEFAULT_PARAMS,
  hashPassword,
  needsRehash,
  passwordProblem,
  type ScryptParams,
  verifyPassword,
} from "./password-hash.js";

const CHEAP: Argon2Params = { algorithm: "argon2id", memoryKiB: 64, iterations: 1, parallelism: 1 };
const OLD_SCRYPT: ScryptParams = { algorithm: "scrypt", n: 2048, r: 8, p: 1 };
const PASSWORD = "correct horse battery staple";

describe("password hashing", () => {
  it("verifies the right password and refuses others", async () => {
    const hash = await hashPassword(PASSWORD, CHEAP);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$[\w+/]+\$[\w+/]{43}$/);
    expect(hash).not.toContain("correct");
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}r`, hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword(PASSWORD, CHEAP)).not.toBe(await hashPassword(PASSWORD, CHEAP));
  });

  it("treats composed and decomposed accents as the same password", async () => {
    const hash = await hashPassword("caf\u00e9 au lait please", CHEAP);
    expect(await verifyPassword("cafe\u0301 au lait please", hash)).toBe(true);
  });

  it("uses Argon2id at or above OWASP's minimum by default", async () => {
    const hash = await hashPassword(PASSWORD);
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hash);
    expect(match).not.toBeNull();
    const [m, t, p] = (match ?? []).slice(1).map(Number) as [number, number, number];
    // OWASP Password Storage Cheat Sheet, Argon2id: m=47104 (46 MiB)/t=1, 19456/2, 12288/3,
    // 9216/4 or 7168/5, each with p=1. A configuration is at the floor when its memory and
    // passes reach one of those pairs.
    const floors: [number, number][] = [
      [47_104, 1],
      [19_456, 2],
      [12_288, 3],
      [9_216, 4],
      [7_168, 5],
    ];
    expect(floors.some(([minM, minT]) => m >= minM && t >= minT)).toBe(true);
    expect(p).toBeGreaterThanOrEqual(1);
    expect(needsRehash(hash)).toBe(false);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
  });

  it("still verifies scrypt hashes and asks for them to be replaced", async () => {
    const old = await hashPassword(PASSWORD, OLD_SCRYPT);
    expect(old).toMatch(/^scrypt\$2048\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword(PASSWORD, old)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}r`, old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(old, OLD_SCRYPT)).toBe(false);
    expect(needsRehash(old, { ...OLD_SCRYPT, p: 2 })).toBe(true);
  });

  it("asks for a new hash when the Argon2id parameters differ", async () => {
    const cheap = await hashPassword(PASSWORD, CHEAP);
    expect(needsRehash(cheap)).toBe(true);
    expect(needsRehash(cheap, CHEAP)).toBe(false);
    expect(needsRehash(cheap, { ...CHEAP, iterations: 2 })).toBe(true);
    expect(needsRehash(await hashPassword(PASSWORD, DEFAULT_PARAMS))).toBe(false);
  });

  it("never matches a malformed, foreign or tampered hash", async () => {
    const good = await hashPassword(PASSWORD, CHEAP);
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
    expect(await verifyPassword("x", "scrypt$99999999$8$1$aaaa$bbbb")).toBe(false);
    expect(await verifyPassword("x", "scrypt$1024$8$100000$aaaa$bbbb")).toBe(false);
    expect(await verifyPassword(PASSWORD, "$argon2id$v=19$m=64,t=1,p=1$garbage")).toBe(false);
    // Argon2i/Argon2d and huge costs are refused before any work is done.
    expect(await verifyPassword(PASSWORD, good.replace("$argon2id$", "$argon2i$"))).toBe(false);
    const huge = good.replace("m=64,t=1", "m=4194304,t=1");
    expect(await verifyPassword(PASSWORD, huge)).toBe(false);
    expect(await verifyPassword(PASSWORD, good.replace("t=1,", "t=1000,"))).toBe(false);
  });

  it("asks for long passwords", () => {
    expect(passwordProblem("short")).toMatch(/at least 12/);
    expect(passwordProblem("aaaaaaaaaaaaaaa")).toMatch(/repeat/);
    expect(passwordProblem(PASSWORD)).toBeUndefined();
  });
});
