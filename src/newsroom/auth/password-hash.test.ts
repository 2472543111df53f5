import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from "./password-hash.js";

describe("password hashing", () => {
  it("verifies the right password and refuses others", async () => {
    const hash = await hashPassword("correct horse battery staple", 1024);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain("correct");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password here", 1024)).not.toBe(
      await hashPassword("same password here", 1024),
    );
  });

  it("uses one of OWASP's minimum scrypt settings by default", async () => {
    const hash = await hashPassword("correct horse battery staple");
    const [n, r, p] = hash.split("$").slice(1, 4).map(Number);
    // OWASP Password Storage Cheat Sheet: N=2^17/p=1, 2^16/2, 2^15/3, 2^14/5 or 2^13/10, r=8.
    const floor = new Map([
      [1 << 17, 1],
      [1 << 16, 2],
      [1 << 15, 3],
      [1 << 14, 5],
      [1 << 13, 10],
    ]);
    expect(r).toBe(8);
    expect(p).toBeGreaterThanOrEqual(floor.get(n ?? 0) ?? Number.POSITIVE_INFINITY);
    expect(needsRehash(hash)).toBe(false);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
  });

  it("asks for a new hash when the parameters differ", async () => {
    const old = await hashPassword("correct horse battery staple", { n: 2048, r: 8, p: 1 });
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(old, 2048)).toBe(false);
    expect(needsRehash(old, { n: 2048, r: 8, p: 2 })).toBe(true);
    expect(await verifyPassword("correct horse battery staple", old)).toBe(true);
  });

  it("never matches a malformed or tampered hash", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
    expect(await verifyPassword("x", "scrypt$99999999$8$1$aaaa$bbbb")).toBe(false);
    expect(await verifyPassword("x", "scrypt$1024$8$100000$aaaa$bbbb")).toBe(false);
  });

  it("asks for long passwords", () => {
    expect(passwordProblem("short")).toMatch(/at least 12/);
    expect(passwordProblem("aaaaaaaaaaaaaaa")).toMatch(/repeat/);
    expect(passwordProblem("correct horse battery staple")).toBeUndefined();
  });
});
