/**
 * The composition root: the only reader of process.env. Starts one server and
 * stops it cleanly on SIGTERM/SIGINT (writes finished, clients told 1001,
 * exit within 5 s), also when the signal comes while it is still starting.
 */
import { startServer, type RunningServer } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './logger.ts';

const SHUTDOWN_DEADLINE_MS = 4500;

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

function main(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // Logging must never take the server down; with stdout gone there is nowhere left to report to.
    if (error.code !== 'EPIPE') throw error;
  });
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const starting: Promise<RunningServer> = startServer(config, logger);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    starting
      .then((server) => server.close())
      .then(
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

  starting.then(
    (server) => {
      logger.info({ url: server.url, port: server.port, dataDir: config.dataDir }, 'listening');
      // For the person who ran `npm start`; stdout stays pure JSON lines.
      console.error(`Samenspel draait op ${server.url}`);
    },
    (error: unknown) => {
      console.error(`Samenspel could not start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

main();
