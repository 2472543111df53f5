import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../command/command.js";
import { COMMANDS } from "./commands.js";
import { route } from "./router.js";

/**
 * Issue 12, finding 10: a read-only database and a write lock held past the busy timeout
 * give one clear line and an exit code, never a stack trace.
 *
 * Tests run as root, and root writes through any file mode, so chmod alone proves nothing.
 * The read-only cases therefore run the real CLI in a child process as the unprivileged
 * user `nobody` (uid 65534), for whom the modes hold exactly as for an operator.
 */
const REPO = fileURLToPath(new URL("../../", import.meta.url));
const NOBODY = 65534;
const ARTICLE = "---\ntitle: A headline\ncategory: Society\n---\n\nA lead paragraph.\n";

interface ChildResult {
  code: number;
  stderr: string[];
}

/** Runs each command line in one child process, as `nobody` when we are root. */
function runUnprivileged(runs: { args: string[]; env: Record<string, string> }[]): ChildResult[] {
  const asRoot = process.getuid?.() === 0;
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "test/support/cli-child.ts", JSON.stringify(runs)],
    {
      cwd: REPO,
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
      env: { PATH: process.env.PATH ?? "", HOME: tmpdir(), LOG_LEVEL: "silent" },
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  if (result.status !== 0) {
    // A checkout under a folder only root may enter (e.g. `mktemp -d`, mode 700) hides the
    // repository from `nobody`: say so instead of the loader's "Cannot find package".
    const hint = asRoot
      ? `\n(the child runs as nobody, uid ${NOBODY}: every folder above ${REPO} must be world-readable and searchable)`
      : "";
    throw new Error(`child failed: ${result.stderr}${hint}`);
  }
  return JSON.parse(result.stdout) as ChildResult[];
}

function expectOneClearLine(stderr: string[], pattern: RegExp) {
  expect(stderr).toHaveLength(1);
  expect(stderr[0]).toMatch(pattern);
  expect(stderr.join("\n")).not.toMatch(/\n\s+at /);
}

describe("database faults in the CLI (SQLite)", () => {
  let dir: string;
  const io = (file: string, stderr: string[]): CliIo => ({
    out: () => undefined,
    err: (l) => stderr.push(l),
    env: { DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: "silent" },
  });
  /** A migrated database in its own folder. */
  const migrated = async (name: string) => {
    const file = join(dir, name, "resou.db");
    expect(await route("resou", COMMANDS, ["migrate"], io(file, []))).toBe(0);
    return file;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "resou-faults-"));
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, "story.md"), ARTICLE);
  });
  afterAll(() => {
    for (const sub of ["ro-file", "ro-folder", "locked"]) {
      try {
        chmodSync(join(dir, sub), 0o755);
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("explains a read-only file, a read-only folder and an uncreatable database (exit 2)", async () => {
    const roFile = await migrated("ro-file");
    chmodSync(join(dir, "ro-file"), 0o777);
    chmodSync(roFile, 0o444);
    const roFolder = await migrated("ro-folder");
    chmodSync(roFolder, 0o666);
    chmodSync(join(dir, "ro-folder"), 0o555);
    mkdirSync(join(dir, "locked"));
    chmodSync(join(dir, "locked"), 0o555);
    const fresh = join(dir, "locked", "new.db");
    const story = join(dir, "story.md");
    const before = [readFileSync(roFile), readFileSync(roFolder)];
    const [file, folder, create] = runUnprivileged([
      { args: ["import", story], env: { DATABASE_URL: `sqlite:${roFile}` } },
      { args: ["import", story], env: { DATABASE_URL: `sqlite:${roFolder}` } },
      { args: ["migrate"], env: { DATABASE_URL: `sqlite:${fresh}` } },
    ]);
    expectOneClearLine(file?.stderr ?? [], /is read-only/);
    expect(file?.stderr[0]).toContain(roFile);
    expect(file?.code).toBe(2);
    expectOneClearLine(folder?.stderr ?? [], /read-only/);
    expect(folder?.code).toBe(2);
    expectOneClearLine(create?.stderr ?? [], /Cannot open the database .*new\.db/);
    expect(create?.code).toBe(2);
    // Nothing written, nothing damaged: the same bytes, and SQLite finds them sound.
    expect([readFileSync(roFile), readFileSync(roFolder)]).toEqual(before);
    for (const file of [roFile, roFolder]) {
      const reader = new SQLite(file, { readonly: true });
      expect(reader.pragma("integrity_check", { simple: true })).toBe("ok");
      reader.close();
    }
  }, 150_000);

  it("explains a write lock held past the busy timeout with exit code 1", async () => {
    const file = await migrated("busy");
    const holder = new SQLite(file);
    holder.exec("BEGIN IMMEDIATE");
    try {
      const stderr: string[] = [];
      const code = await route(
        "resou",
        COMMANDS,
        ["import", join(dir, "story.md")],
        io(file, stderr),
      );
      expectOneClearLine(stderr, /is busy: another process held its write lock/);
      expect(code).toBe(1);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  }, 30_000);
});
