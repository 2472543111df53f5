import pg from "pg";

export interface NotificationHandlers {
  /** A notification arrived on the channel. */
  onNotify(): void;
  /**
   * The connection is listening (first time or after a reconnect): notifications sent while
   * it was down are lost, so the caller catches up from its own cursor here.
   */
  onListening(): void;
  onError(error: unknown): void;
}

export interface NotificationListener {
  close(): Promise<void>;
}

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * A dedicated PostgreSQL connection that LISTENs on one channel and reconnects with back-off
 * when the connection drops (server restart, network). Pooled connections cannot listen:
 * the pool hands them to other queries and closes idle ones.
 */
export async function listenForNotifications(
  url: string,
  channel: string,
  handlers: NotificationHandlers,
): Promise<NotificationListener> {
  let closed = false;
  let client: pg.Client | undefined;
  let retryMs = RETRY_MIN_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", (message) => {
      if (message.channel === channel) handlers.onNotify();
    });
    next.on("error", (error) => {
      handlers.onError(error);
      reconnect(next);
    });
    next.on("end", () => reconnect(next));
    await next.connect();
    await next.query(`listen "${channel}"`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    retryMs = RETRY_MIN_MS;
    handlers.onListening();
  };

  const reconnect = (dead: pg.Client) => {
    if (closed || client !== dead) return;
    client = undefined;
    dead.removeAllListeners("notification");
    dead.end().catch(() => undefined);
    schedule();
  };

  const schedule = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().catch((error) => {
        handlers.onError(error);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
        schedule();
      });
    }, retryMs);
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      if (current) await current.end().catch(() => undefined);
    },
  };
}
