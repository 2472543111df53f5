import { pino } from "pino";

export type Logger = pino.Logger;

/** JSON lines with ISO timestamps; one logger per process, children per component. */
export function createLogger(level: string, name = "resou"): Logger {
  return pino({ name, level, timestamp: pino.stdTimeFunctions.isoTime });
}

export const silentLogger: Logger = pino({ level: "silent" });
