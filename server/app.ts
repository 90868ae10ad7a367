/**
 * Wires config → storage → sync → http into one running server. main.ts calls
 * this with the process's config; tests call it with their own, so several
 * servers can run in one process (no module-level state anywhere).
 */
import type { AddressInfo } from 'node:net';
import { newId } from '../shared/ids.ts';
import { CloseCode } from '../shared/protocol.ts';
import { Accounts } from './accounts/Accounts.ts';
import type { Config } from './config.ts';
import type { Fanout } from './fanout/Fanout.ts';
import { RedisFanout } from './fanout/redis.ts';
import { createCollabUpgradeHandler } from './http/collabUpgrade.ts';
import { createHttpServer } from './http/httpServer.ts';
import { registerExchangeRoutes } from './http/exportRoutes.ts';
import { DocumentQuota } from './limits/DocumentQuota.ts';
import type { Logger } from './logger.ts';
import { openPostgresStorage } from './storage/postgres.ts';
import { openSqliteStorage } from './storage/sqlite.ts';
import type { Storage } from './storage/Storage.ts';
import { withWriteFaults } from './storage/writeFaults.ts';
import { RoomRegistry } from './sync/RoomRegistry.ts';
import { registerWorkspaceDataRoutes } from './http/workspaceDataRoutes.ts';
import { MAX_IMPORT_INFLATED_BYTES, WorkspaceData } from './workspaceData/WorkspaceData.ts';

export interface RunningServer {
  url: string;
  port: number;
  /** Finishes writes in flight, closes every client with 1001, closes storage. */
  close(): Promise<void>;
}

async function openStorage(config: Config, logger: Logger): Promise<Storage> {
  const storageLogger = logger.child({ component: 'storage' });
  const storage = config.databaseUrl
    ? await openPostgresStorage({ connectionString: config.databaseUrl, logger: storageLogger })
    : await openSqliteStorage({ dataDir: config.dataDir, logger: storageLogger });
  if (!config.storageTestFailWritesFile) return storage;
  storageLogger.warn({ file: config.storageTestFailWritesFile }, 'TEST ONLY: write fault injection is on');
  return withWriteFaults(storage, config.storageTestFailWritesFile);
}

function createFanout(config: Config, logger: Logger): Fanout | undefined {
  if (!config.redisUrl) return undefined;
  return new RedisFanout({
    url: config.redisUrl,
    channelPrefix: config.redisChannelPrefix,
    processId: newId(),
    logger: logger.child({ component: 'fanout' }),
    testDropUpdates: config.fanoutTestDropUpdates,
  });
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const startedAt = Date.now();
  const storage = await openStorage(config, logger);
  const fanout = createFanout(config, logger);
  const accounts = new Accounts(storage, Date.now, { sessionIdleMs: config.sessionIdleDays * 24 * 60 * 60 * 1000 });
  const rooms = new RoomRegistry({
    storage,
    logger: logger.child({ component: 'sync' }),
    unloadAfterMs: config.roomUnloadAfterMs,
    compactAfterUpdates: config.compactAfterUpdates,
    maxDocumentBytes: config.maxDocumentBytes,
    ...(fanout && { fanout }),
  });
  if (fanout) {
    try {
      await fanout.start(rooms.fanoutListener);
    } catch (error) {
      await storage.close();
      throw error;
    }
  }
  const documentQuota = new DocumentQuota(storage, config.maxDocumentsPerWorkspace);
  const app = await createHttpServer({
    accounts,
    rooms,
    signup: config.signup,
    publicUrl: config.publicUrl,
    startedAt,
    logger,
    staticDir: config.staticDir,
    maxBodyBytes: config.maxBodyBytes,
    inviteGuessesPerMinute: config.inviteGuessesPerMinute,
    documentQuota,
  });
  registerExchangeRoutes(app, { accounts, storage, logger, chromiumPath: config.chromiumPath, publicUrl: config.publicUrl, documentQuota });
  registerWorkspaceDataRoutes(app, {
    accounts,
    workspaceData: new WorkspaceData(storage, rooms, {
      maxDocuments: config.maxDocumentsPerWorkspace,
      maxDocumentBytes: config.maxDocumentBytes,
      maxTotalBytes: MAX_IMPORT_INFLATED_BYTES,
    }),
    signup: config.signup,
    publicUrl: config.publicUrl,
    maxImportBytes: config.maxImportBytes,
  });
  const upgrades = createCollabUpgradeHandler({
    accounts,
    rooms,
    storage,
    logger: logger.child({ component: 'collab' }),
    maxMessageBytes: config.maxMessageBytes,
    maxMessagesPerSecond: config.maxMessagesPerSecond,
    messageBurst: config.messageBurst,
    maxConnectionsPerIp: config.maxConnectionsPerIp,
    maxBufferedBytes: config.maxBufferedBytes,
    documentQuota,
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
        await fanout?.close();
        await storage.close();
      })();
      return closing;
    },
  };
}
