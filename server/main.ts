/**
 * The composition root: the only reader of process.env. Starts one server and
 * stops it cleanly on SIGTERM/SIGINT (writes finished, clients told 1001,
 * exit within 5 s).
 */
import { startServer } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

const SHUTDOWN_DEADLINE_MS = 4500;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  logger.info({ url: server.url, port: server.port, dataDir: config.dataDir }, 'listening');
  // For the person who ran `npm start`; stdout stays pure JSON lines.
  console.error(`Samenspel draait op ${server.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    server.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`Samenspel could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
