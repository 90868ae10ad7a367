/**
 * JSON-lines logging on standard output (pino). Components get a child logger
 * with their name.
 *
 * pino writes to process.stdout rather than its own fd writer: when the reader
 * of our stdout goes away, that writer retries EPIPE in a sleep loop that
 * freezes the whole server (even SIGTERM's exit deadline). process.stdout
 * reports EPIPE as an error event instead (main.ts handles it).
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    process.stdout,
  );
}
