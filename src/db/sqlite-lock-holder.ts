/**
 * Holds the SQLite write lock of a database file for a while, as a large `resou import` in
 * another process does. Used by the busy-database test and benchmark:
 *
 *   tsx src/db/sqlite-lock-holder.ts <file> <holdMs>
 *
 * Prints one JSON line when the lock is taken (`{"locked":<epoch ms>}`) and one when it is
 * released (`{"released":<epoch ms>}`), so the parent can order its own events against them.
 */
import SQLite from "better-sqlite3";

const [file, holdArg] = process.argv.slice(2);
const holdMs = Number(holdArg ?? "3000");
if (!file || !Number.isFinite(holdMs)) throw new Error("usage: sqlite-lock-holder <file> <holdMs>");

const connection = new SQLite(file);
connection.pragma("busy_timeout = 10000");
connection.exec("begin immediate");
// A real write, so the lock is the one an import holds, not merely a reservation.
connection
  .prepare(
    "insert into lease (name, holder, expires_at) values (?, ?, ?) on conflict (name) do update set holder = excluded.holder",
  )
  .run("test:lock-holder", String(process.pid), new Date().toISOString());
process.stdout.write(`${JSON.stringify({ locked: Date.now() })}\n`);
setTimeout(() => {
  connection.exec("commit");
  process.stdout.write(`${JSON.stringify({ released: Date.now() })}\n`);
  connection.close();
}, holdMs);
