import { ConfigError, loadConfig } from "./config/env.js";
import { createLogger } from "./core/log.js";
import { startResou } from "./runtime/start.js";

/** `npm start`: every role in one process on the embedded SQLite unless configured otherwise. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.LOG_LEVEL);
  const running = await startResou(config, log);
  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down");
    await running.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `resou failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
