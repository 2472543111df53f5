import { createHash, randomUUID } from "node:crypto";
import type { Logger } from "../core/log.js";
import type { Database } from "../db/database.js";
import type { NotificationListener } from "../db/notification-listener.js";
import type { ChangeFeed, ChangeListener } from "./change-feed.js";
import {
  awaitReaders,
  registerReader,
  reportReader,
  SETTLE_TIMEOUT_MS,
  unregisterReader,
} from "./change-readers.js";
import { changesAfter, latestChangeId } from "./change-rows.js";

export interface ChangeFeedOptions {
  database: Database;
  log: Logger;
  /** What this process runs (`web`, `worker+scheduler`, `cli`…), shown beside its reader row. */
  role: string;
  /** SQLite: how often the newest id is checked for another process's commits. */
  pollMs?: number;
  /** Heartbeat (and, on PostgreSQL, the safety catch-up) interval. */
  heartbeatMs?: number;
  /** How long a writer's `settle` waits for the other processes. */
  settleTimeoutMs?: number;
  /**
   * A short-lived writer (a CLI command, a test): no reader row, no timers, no listening
   * connection; its listeners get changes when it settles, and settling still waits for
   * every live server process.
   */
  passive?: boolean;
}

export interface RunningChangeFeed extends ChangeFeed {
  readonly readerId: string;
  /** The last change id handed to this process's listeners. */
  delivered(): number;
  stop(): Promise<void>;
}

const BATCH = 500;

/** The PostgreSQL channel the `change` trigger notifies for a schema (migration 0230). */
export function changeChannel(schema: string): string {
  return `resou_change_${createHash("md5").update(schema).digest("hex").slice(0, 16)}`;
}

/**
 * The feed of one process over the change table. It keeps a cursor (the last id delivered),
 * reads what follows it whenever it is woken, and hands it to the listeners in id order:
 * PostgreSQL wakes it through LISTEN/NOTIFY on a dedicated connection (and it re-reads from
 * the cursor after every reconnect, so nothing sent meanwhile is lost); on SQLite it polls
 * the newest id, an index lookup. A local writer's `settle` delivers at once, without
 * waiting for either. The process registers as a reader with a heartbeat and reports its
 * cursor, so writers elsewhere know when it has caught up.
 */
export async function startChangeFeed(options: ChangeFeedOptions): Promise<RunningChangeFeed> {
  const { database, log } = options;
  const db = database.db;
  const readerId = `${options.role}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const listeners = new Set<ChangeListener>();
  let cursor = await latestChangeId(db);
  let reported = cursor;
  let stopped = false;
  let active: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const timers: NodeJS.Timeout[] = [];
  let listener: NotificationListener | undefined;

  const deliverPending = async (): Promise<void> => {
    for (;;) {
      const { changes, lastId, rows } = await changesAfter(db, cursor, BATCH, log);
      if (rows === 0) break;
      if (changes.length > 0) {
        for (const receive of [...listeners]) {
          try {
            await receive(changes);
          } catch (error) {
            log.error({ err: error, through: lastId }, "a change listener failed");
          }
        }
      }
      cursor = lastId;
      if (rows < BATCH) break;
    }
    if (reported !== cursor && !stopped && !options.passive) {
      await reportReader(db, readerId, cursor, new Date());
      reported = cursor;
    }
  };

  /** One delivery at a time; a wake-up during one runs one more pass after it. */
  const pump = (): Promise<void> => {
    if (queued) return queued;
    if (active) {
      queued = active.then(() => {
        queued = undefined;
        return pump();
      });
      return queued;
    }
    active = deliverPending().finally(() => {
      active = undefined;
    });
    return active;
  };

  const wake = () => {
    if (stopped) return;
    pump().catch((error) => log.warn({ err: error }, "change feed could not read changes"));
  };

  const settleTimeoutMs = options.settleTimeoutMs ?? SETTLE_TIMEOUT_MS;
  const feed: RunningChangeFeed = {
    readerId,
    delivered: () => cursor,
    subscribe(receive) {
      listeners.add(receive);
      return () => {
        listeners.delete(receive);
      };
    },
    async settle(throughId) {
      // After the pump the cursor is at least the newest id committed before this call,
      // which includes the caller's change: on PostgreSQL the id `recordChange` returned is
      // replaced at commit (migration 1210), so the target is never below the cursor.
      await pump();
      await awaitReaders(db, Math.max(throughId ?? 0, cursor), log, {
        ...(options.passive ? {} : { except: readerId }),
        timeoutMs: settleTimeoutMs,
      });
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await listener?.close();
      await (queued ?? active)?.catch(() => undefined);
      if (options.passive) return;
      await unregisterReader(db, readerId).catch((error) =>
        log.warn({ err: error }, "change feed could not unregister"),
      );
    },
  };
  if (options.passive) return feed;

  await registerReader(db, readerId, options.role, cursor, new Date());

  const heartbeatMs = options.heartbeatMs ?? 2_000;
  timers.push(
    setInterval(() => {
      if (stopped) return;
      wake();
      reportReader(db, readerId, cursor, new Date()).catch((error) =>
        log.warn({ err: error }, "change feed heartbeat failed"),
      );
    }, heartbeatMs),
  );
  if (database.listen && database.schema) {
    listener = await database.listen(changeChannel(database.schema), {
      onNotify: wake,
      onListening: wake,
      onError: (error) => log.warn({ err: error }, "change feed connection failed; reconnecting"),
    });
  } else {
    const pollMs = options.pollMs ?? 250;
    let polling = false;
    timers.push(
      setInterval(() => {
        if (stopped || polling) return;
        polling = true;
        latestChangeId(db)
          .then((latest) => {
            if (latest > cursor) wake();
          })
          .catch((error) => log.warn({ err: error }, "change feed poll failed"))
          .finally(() => {
            polling = false;
          });
      }, pollMs),
    );
  }
  for (const timer of timers) timer.unref();

  return feed;
}

/** The feed of a short-lived writer (CLI command, test): see `ChangeFeedOptions.passive`. */
export function writerChangeFeed(database: Database, log: Logger): Promise<RunningChangeFeed> {
  return startChangeFeed({ database, log, role: "writer", passive: true });
}
