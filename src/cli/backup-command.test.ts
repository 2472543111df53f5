import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureCliIo, testDatabaseEnv } from "../../test/support/cli-io.js";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import type { CliIo } from "../command/command.js";
import { openDatabase } from "../db/database.js";
import { COMMANDS } from "./commands.js";
import { route } from "./router.js";

/** Issue 12, deliverable 7: `resou backup` and `resou restore` on both databases. */
describe.each(TEST_DIALECTS)("resou backup and restore on %s", (dialect) => {
  let database: TestDatabase;
  let dir: string;
  let stdout: string[];
  let stderr: string[];
  let io: CliIo;
  const resou = (...argv: string[]) => route("resou", COMMANDS, argv, io);
  const count = async (table: "article" | "lease") =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  const story = (name: string) => {
    const file = join(dir, `${name}.md`);
    writeFileSync(file, `---\ntitle: ${name}\ncategory: Society\n---\n\nA lead paragraph.\n`);
    return file;
  };

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), "resou-backup-"));
    ({ io, stdout, stderr } = captureCliIo(testDatabaseEnv(database)));
  });
  afterEach(async () => {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("backs up, refuses to restore over data without --force, then brings it back", async () => {
    expect(await resou("import", story("first-story"), story("second-story"))).toBe(0);
    const backup = join(dir, "resou.backup");
    expect(await resou("backup", backup)).toBe(0);
    expect(stdout.at(-1)).toMatch(/^Backed up .* to .*resou\.backup in \d/);
    expect(existsSync(`${backup}.partial`)).toBe(false);
    expect(await resou("backup", backup)).toBe(2);
    expect(stderr.at(-1)).toContain("exists; pass --force");

    expect(await resou("import", story("third-story"))).toBe(0);
    expect(await count("article")).toBe(3);
    stderr.length = 0;
    expect(await resou("restore", backup)).toBe(1);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^Refusing to restore over .*--force/);
    expect(await count("article")).toBe(3);

    expect(await resou("restore", backup, "--force")).toBe(0);
    expect(await count("article")).toBe(2);
    // The restored database is a working one: the article is found again by slug.
    expect(await resou("import", story("first-story"))).toBe(0);
    expect(stdout.some((line) => line.includes("0 created"))).toBe(true);
  });

  it("refuses a file that is not a backup, and a missing one, with one clear line", async () => {
    const junk = join(dir, "junk.backup");
    writeFileSync(junk, "not a database at all");
    expect(await resou("restore", junk, "--force")).toBe(1);
    expect(stderr.at(-1)).not.toMatch(/\n\s+at /);
    expect(stderr.at(-1)).toMatch(/not a SQLite backup|pg_restore failed/);
    expect(await resou("restore", join(dir, "nope"))).toBe(1);
    expect(stderr.at(-1)).toMatch(/^No backup at /);
    expect(await resou("restore")).toBe(2);
  });

  it("takes a consistent copy while another connection keeps writing", async () => {
    // The writer commits pairs of rows; a consistent copy holds whole pairs only.
    const writer = await openDatabase({ url: database.url, schema: database.schema });
    let stop = false;
    let written = 0;
    const writing = (async () => {
      while (!stop) {
        const i = written;
        await writer.db.transaction().execute(async (trx) => {
          for (const side of ["a", "b"]) {
            await trx
              .insertInto("lease")
              .values({ name: `w-${i}-${side}`, holder: "writer", expires_at: "2030-01-01" })
              .execute();
          }
        });
        written += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      while (written < 20) await new Promise((resolve) => setTimeout(resolve, 5));
      const backup = join(dir, "busy.backup");
      expect(await resou("backup", backup)).toBe(0);
      const atBackupEnd = written;
      while (written < atBackupEnd + 20) await new Promise((resolve) => setTimeout(resolve, 5));
      stop = true;
      await writing;
      expect(await resou("restore", backup, "--force")).toBe(0);
      const rows = await count("lease");
      expect(rows % 2).toBe(0);
      expect(rows).toBeGreaterThanOrEqual(40);
      expect(rows).toBeLessThan(written * 2);
    } finally {
      stop = true;
      await writing.catch(() => undefined);
      await writer.destroy();
    }
  });
});
