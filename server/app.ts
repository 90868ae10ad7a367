/**
 * Wires config → storage → sync → http into one running server. main.ts calls
 * this with the process's config; tests call it with their own, so several
 * servers can run in one process (no module-level state anywhere).
 */
import type { AddressInfo } from 'node:net';
import { CloseCode } from '../shared/protocol.ts';
import { Accounts } from './accounts/Accounts.ts';
import type { Config } from './config.ts';
import { createCollabUpgradeHandler } from './http/collabUpgrade.ts';
import { createHttpServer } from './http/httpServer.ts';
import type { Logger } from './logger.ts';
import { openSqliteStorage } from './storage/sqlite.ts';
import type { Storage } from './storage/Storage.ts';
import { RoomRegistry } from './sync/RoomRegistry.ts';

export interface RunningServer {
  url: string;
  port: number;
  /** Finishes writes in flight, closes every client with 1001, closes storage. */
  close(): Promise<void>;
}

async function openStorage(config: Config, logger: Logger): Promise<Storage> {
  if (config.databaseUrl) {
    throw new Error('DATABASE_URL is set, but PostgreSQL storage is not available in this version yet; unset it to use SQLite');
  }
  if (config.redisUrl) {
    throw new Error('REDIS_URL is set, but Redis fan-out is not available in this version yet; unset it to run one process');
  }
  return openSqliteStorage({ dataDir: config.dataDir, logger: logger.child({ component: 'storage' }) });
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const startedAt = Date.now();
  const storage = await openStorage(config, logger);
  const accounts = new Accounts(storage);
  const rooms = new RoomRegistry({
    storage,
    logger: logger.child({ component: 'sync' }),
    unloadAfterMs: config.roomUnloadAfterMs,
    compactAfterUpdates: config.compactAfterUpdates,
  });
  const app = await createHttpServer({
    accounts,
    rooms,
    signup: config.signup,
    publicUrl: config.publicUrl,
    startedAt,
    logger,
    staticDir: config.staticDir,
  });
  const upgrades = createCollabUpgradeHandler({
    accounts,
    rooms,
    storage,
    logger: logger.child({ component: 'collab' }),
    maxMessageBytes: config.maxMessageBytes,
    publicUrl: config.publicUrl,
    parseCookie: (header) => app.parseCookie(header),
  });
  app.server.on('upgrade', upgrades.handle);

  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    close() {
      closing ??= (async () => {
        upgrades.stopAccepting();
        await rooms.shutdown(CloseCode.goingAway, 'server shutting down');
        upgrades.close();
        await app.close();
        await storage.close();
      })();
      return closing;
    },
  };
}
