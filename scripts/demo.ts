/**
 * `npm run demo`: creates the Westenwind example workspace in the server's own
 * data (DATA_DIR's SQLite, or DATABASE_URL's PostgreSQL, like server/cli.ts),
 * and prints an invite link to open in a browser to join it. The server may
 * run at the same time (SQLite lets both use the file).
 */
import { Accounts } from '../server/accounts/Accounts.ts';
import { loadConfig } from '../server/config.ts';
import { openPostgresStorage } from '../server/storage/postgres.ts';
import { openSqliteStorage } from '../server/storage/sqlite.ts';

const config = loadConfig(process.env);
const storage = config.databaseUrl
  ? await openPostgresStorage({ connectionString: config.databaseUrl, poolSize: 2 })
  : await openSqliteStorage({ dataDir: config.dataDir });
try {
  const accounts = new Accounts(storage);
  const created = await accounts.createExampleWorkspace({ name: 'Coördinator Westenwind', role: 'other' });
  const founder = await accounts.authenticate(created.token);
  if (!founder) throw new Error('the example workspace has no session');
  const invite = await accounts.createInvite(founder, 'edit');
  const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
  console.log('Het voorbeeld "Westenwind" staat klaar. Start de server (npm start) en open deze link om mee te doen:');
  console.log(`${base}/join/${invite.code}`);
} finally {
  await storage.close();
}
