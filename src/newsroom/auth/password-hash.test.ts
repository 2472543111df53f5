import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "./password-hash.js";

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

  it("uses a memory-hard default cost", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(Number(hash.split("$")[1])).toBeGreaterThanOrEqual(1 << 15);
  });

  it("never matches a malformed or tampered hash", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
    expect(await verifyPassword("x", "scrypt$99999999$8$1$aaaa$bbbb")).toBe(false);
  });

  it("asks for long passwords", () => {
    expect(passwordProblem("short")).toMatch(/at least 12/);
    expect(passwordProblem("aaaaaaaaaaaaaaa")).toMatch(/repeat/);
    expect(passwordProblem("correct horse battery staple")).toBeUndefined();
  });
});
