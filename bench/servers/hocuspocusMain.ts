/**
 * The process the benchmark runs for Hocuspocus: its stock Server with default
 * settings on 127.0.0.1, port 0, and with HOCUSPOCUS_SQLITE set, its SQLite
 * extension storing into that file. Prints one JSON line with the port.
 * SIGTERM stores pending documents (Hocuspocus' own stopOnSignals) and exits.
 */
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const sqliteFile = process.env.HOCUSPOCUS_SQLITE;
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  extensions: sqliteFile ? [new SQLite({ database: sqliteFile })] : [],
});
await server.listen();
console.log(JSON.stringify({ msg: 'listening', port: server.address.port }));
