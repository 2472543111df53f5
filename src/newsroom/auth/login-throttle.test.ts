import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../../test/support/test-database.js";
import {
  EMAIL_POLICY,
  IP_POLICY,
  lockedUntil,
  lockMsFor,
  releaseAttempt,
  reserveAttempt,
} from "./login-throttle.js";

describe("lock lengths", () => {
  it("doubles from the first lock and caps at an hour", () => {
    expect(lockMsFor(4, EMAIL_POLICY)).toBe(0);
    expect(lockMsFor(5, EMAIL_POLICY)).toBe(30_000);
    expect(lockMsFor(6, EMAIL_POLICY)).toBe(60_000);
    expect(lockMsFor(7, EMAIL_POLICY)).toBe(120_000);
    expect(lockMsFor(50, EMAIL_POLICY)).toBe(3_600_000);
  });
});

describe.each(TEST_DIALECTS)("login throttle on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.destroy();
  });

  const failures = async (key: string) =>
    (
      await database.db
        .selectFrom("login_throttle")
        .select("failures")
        .where("key", "=", key)
        .executeTakeFirst()
    )?.failures;

  it("reserves at most the free attempts of many concurrent ones, then refuses", async () => {
    const now = new Date("2025-08-27T12:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        database.db
          .transaction()
          .execute((trx) => reserveAttempt(trx, "email:a@b.c", now, EMAIL_POLICY)),
      ),
    );
    const reserved = results.filter((r) => r.kind === "reserved");
    expect(reserved).toHaveLength(5);
    expect(results.filter((r) => r.kind === "locked")).toHaveLength(7);
    for (const r of results)
      if (r.kind === "locked") expect(r.until).toBe("2025-08-27T12:00:30.000Z");
    expect(await failures("email:a@b.c")).toBe(5);
    expect(await lockedUntil(database.db, "email:a@b.c", now)).toBe("2025-08-27T12:00:30.000Z");
    const later = new Date("2025-08-27T12:00:31Z");
    expect(await lockedUntil(database.db, "email:a@b.c", later)).toBeUndefined();
    // Past the lock one more attempt is let through, and it locks for twice as long.
    expect(await reserveAttempt(database.db, "email:a@b.c", later, EMAIL_POLICY)).toEqual({
      kind: "reserved",
      failures: 6,
      lockedUntil: "2025-08-27T12:01:31.000Z",
    });
  });

  it("takes back one attempt on release and keeps the lock", async () => {
    const now = new Date("2025-08-27T12:00:00Z");
    for (let i = 0; i < 5; i++) await reserveAttempt(database.db, "email:a@b.c", now, EMAIL_POLICY);
    await releaseAttempt(database.db, "email:a@b.c");
    expect(await failures("email:a@b.c")).toBe(4);
    expect(await lockedUntil(database.db, "email:a@b.c", now)).toBe("2025-08-27T12:00:30.000Z");
  });

  it("forgets an address's old failures after a quiet spell", async () => {
    const t0 = new Date("2025-08-27T12:00:00Z");
    for (let i = 0; i < 19; i++) await reserveAttempt(database.db, "ip:1.2.3.4", t0, IP_POLICY);
    const later = new Date(t0.getTime() + 16 * 60_000);
    expect(await reserveAttempt(database.db, "ip:1.2.3.4", later, IP_POLICY)).toEqual({
      kind: "reserved",
      failures: 1,
    });
  });
});
