/**
 * CONTRACT.md, "Durability": stored before forwarded, kill -9, SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol.ts';
import { sqliteFilePath } from '../../server/storage/sqlite.ts';
import { connectClient, createWorkspace } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('durability', () => {
  const running: TestServer[] = [];
  afterEach(async () => {
    for (const server of running.splice(0)) await server.stop();
  });
  async function start(dataDir?: string): Promise<TestServer> {
    const server = await startServer(dataDir ? { dataDir } : {});
    running.push(server);
    return server;
  }

  it('keeps content over SIGTERM and a restart, and exits cleanly within 5 s telling clients 1001', async () => {
    const server = await start();
    const { workspaceId, token } = await createWorkspace(server);
    const client = await connectClient({ server, workspaceId, docId: 'plan', token });
    await client.synced;
    client.doc.getText('t').insert(0, 'Doel: een buurtkamer in De Heeze');

    const raw = new WebSocket(`${server.wsUrl}/${workspaceId}/plan?token=${token}`);
    const closed = new Promise<number>((resolve) => raw.on('close', (code) => resolve(code)));
    await new Promise((resolve) => raw.on('open', resolve));
    // The edit is forwarded only once stored: seeing it elsewhere proves the commit.
    const observer = await connectClient({ server, workspaceId, docId: 'plan', token });
    await expect.poll(() => observer.doc.getText('t').toString()).toContain('De Heeze');

    const started = Date.now();
    const exitCode = await server.stop({ keepData: true });
    expect(exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await closed).toBe(CloseCode.goingAway);
    client.destroy();
    observer.destroy();

    const restarted = await start(server.dataDir);
    const reader = await connectClient({ server: restarted, workspaceId, docId: 'plan', token });
    try {
      await reader.synced;
      expect(reader.doc.getText('t').toString()).toBe('Doel: een buurtkamer in De Heeze');
    } finally {
      reader.destroy();
    }
  });

  it('after kill -9 and a restart, holds every update another client saw forwarded', async () => {
    const server = await start();
    const { workspaceId, token } = await createWorkspace(server);
    const typist = await connectClient({ server, workspaceId, docId: 'notulen', token });
    const witness = await connectClient({ server, workspaceId, docId: 'notulen', token });
    await Promise.all([typist.synced, witness.synced]);

    let typed = 0;
    const typing = setInterval(() => {
      typist.doc.getText('t').insert(typist.doc.getText('t').length, `<${typed++}>`);
    }, 2);
    await expect.poll(() => witness.doc.getText('t').toString(), { timeout: 10_000 }).toContain('<100>');
    await server.kill();
    clearInterval(typing);
    const seen = witness.doc.getText('t').toString();
    typist.destroy();
    witness.destroy();

    const restarted = await start(server.dataDir);
    const reader = await connectClient({ server: restarted, workspaceId, docId: 'notulen', token });
    try {
      await reader.synced;
      const stored = reader.doc.getText('t').toString();
      // Everything the witness saw was stored; the typist's later, unforwarded edits may be missing.
      expect(stored.startsWith(seen)).toBe(true);
      expect(seen.length).toBeGreaterThan(0);
    } finally {
      reader.destroy();
    }
  });

  it('refuses a document whose stored state cannot be loaded, and writes nothing', async () => {
    const server = await start();
    const { workspaceId, token } = await createWorkspace(server);
    await server.stop({ keepData: true });

    const db = new Database(sqliteFilePath(server.dataDir));
    db.prepare(
      'INSERT INTO document_updates (workspace_id, doc_id, data, member_id, created_at) VALUES (?, ?, ?, NULL, ?)',
    ).run(workspaceId, 'kapot', Buffer.from([1, 1, 200, 200, 200, 1, 77, 77]), Date.now());
    const rowsBefore = (db.prepare('SELECT COUNT(*) AS n FROM document_updates').get() as { n: number }).n;
    db.close();

    const restarted = await start(server.dataDir);
    const raw = new WebSocket(`${restarted.wsUrl}/${workspaceId}/kapot?token=${token}`);
    const code = await new Promise<number>((resolve) => raw.on('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(CloseCode.loadFailed);
    expect(restarted.logs.some((line) => line.msg === 'loading the document failed')).toBe(true);
    await restarted.stop({ keepData: true });

    const after = new Database(sqliteFilePath(server.dataDir), { readonly: true });
    const rowsAfter = (after.prepare('SELECT COUNT(*) AS n FROM document_updates').get() as { n: number }).n;
    after.close();
    expect(rowsAfter).toBe(rowsBefore);
  });

  it('exits within 5 s of SIGTERM even when nobody reads its logs any more', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'samenspel-epipe-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
    try {
      let printed = '';
      await new Promise<void>((resolve) =>
        child.stdout!.on('data', (chunk: Buffer) => {
          printed += chunk.toString();
          if (printed.includes('"msg":"listening"')) resolve();
        }),
      );
      child.stdout!.destroy();
      const started = Date.now();
      child.kill('SIGTERM');
      const deadline = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5000));
      expect(await Promise.race([exited, deadline])).toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
