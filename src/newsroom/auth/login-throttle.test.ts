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
  recordFailure,
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

  it("counts concurrent failures and locks", async () => {
    const now = new Date("2025-08-27T12:00:00Z");
    await Promise.all(
      Array.from({ length: 5 }, () => recordFailure(database.db, "email:a@b.c", now, EMAIL_POLICY)),
    );
    const row = await database.db
      .selectFrom("login_throttle")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(5);
    expect(await lockedUntil(database.db, "email:a@b.c", now)).toBe("2025-08-27T12:00:30.000Z");
    expect(
      await lockedUntil(database.db, "email:a@b.c", new Date("2025-08-27T12:00:31Z")),
    ).toBeUndefined();
  });

  it("forgets an address's old failures after a quiet spell", async () => {
    const t0 = new Date("2025-08-27T12:00:00Z");
    for (let i = 0; i < 19; i++) await recordFailure(database.db, "ip:1.2.3.4", t0, IP_POLICY);
    const later = new Date(t0.getTime() + 16 * 60_000);
    expect(await recordFailure(database.db, "ip:1.2.3.4", later, IP_POLICY)).toBeUndefined();
    const row = await database.db
      .selectFrom("login_throttle")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(1);
  });
});
