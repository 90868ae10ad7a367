/**
 * `npm run cli -- <command>`: administration from the machine itself, on the
 * same DATA_DIR as the server (SQLite lets both use the file at once).
 *
 *   create-workspace --name <naam> --member <jouw naam> --role resident|professional|other
 *       Creates a workspace (also when SIGNUP=closed) with you as its first member, and prints
 *       your token (for scripts) and an invite link to open in a browser (to join from there).
 *       Uses DATABASE_URL's PostgreSQL when set, otherwise DATA_DIR's SQLite, like the server.
 *
 *   migrate-sqlite-to-postgres
 *       Copies DATA_DIR's SQLite database into DATABASE_URL's PostgreSQL database, which must be
 *       empty, then verifies every document's content. Stop the server first.
 *
 * Like main.ts, an entry point: it reads the environment through config.ts.
 */
import { parseArgs } from 'node:util';
import { createWorkspaceBody } from '../shared/api.ts';
import { Accounts } from './accounts/Accounts.ts';
import { loadConfig } from './config.ts';
import { describeDatabase, openPostgresStorage } from './storage/postgres.ts';
import { migrateSqliteToPostgres } from './storage/migrateSqliteToPostgres.ts';
import { openSqliteStorage, sqliteFilePath } from './storage/sqlite.ts';

const USAGE = `usage:
  npm run cli -- create-workspace --name <name> --member <your name> --role resident|professional|other
  npm run cli -- migrate-sqlite-to-postgres      (DATA_DIR → DATABASE_URL, which must be empty)`;

async function createWorkspace(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { name: { type: 'string' }, member: { type: 'string' }, role: { type: 'string', default: 'other' } },
  });
  const parsed = createWorkspaceBody.safeParse({ name: values.name, member: { name: values.member, role: values.role } });
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((issue) => issue.message).join(', ')}\n${USAGE}`);
  const config = loadConfig(process.env);
  const storage = config.databaseUrl
    ? await openPostgresStorage({ connectionString: config.databaseUrl, poolSize: 2 })
    : await openSqliteStorage({ dataDir: config.dataDir });
  try {
    const accounts = new Accounts(storage);
    const session = await accounts.createWorkspace(parsed.data);
    const founder = await accounts.authenticate(session.token);
    if (!founder) throw new Error('the new workspace has no session');
    const invite = await accounts.createInvite(founder, 'edit');
    const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
    console.log(JSON.stringify({ ...session, inviteUrl: `${base}/join/${invite.code}` }, null, 2));
  } finally {
    await storage.close();
  }
}

async function migrateToPostgres(args: string[]): Promise<void> {
  if (args.length > 0) throw new Error(USAGE);
  const config = loadConfig(process.env);
  if (!config.databaseUrl) throw new Error('Set DATABASE_URL to the (empty) PostgreSQL database to copy into.');
  console.log(`Copying ${sqliteFilePath(config.dataDir)} into PostgreSQL ${describeDatabase(config.databaseUrl)} ...`);
  const report = await migrateSqliteToPostgres({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    progress: (line) => console.log(line),
  });
  console.log(
    `Done: ${report.workspaces} workspaces, ${report.members} members, ${report.documents} documents, ` +
      `${report.updates} updates; all ${report.verifiedDocuments} documents verified equal.`,
  );
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'create-workspace') await createWorkspace(rest);
  else if (command === 'migrate-sqlite-to-postgres') await migrateToPostgres(rest);
  else throw new Error(USAGE);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
