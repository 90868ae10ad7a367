/**
 * Personal data (AVG) through the real server: a member downloads everything
 * about themselves; a member leaves, or is removed, and their name becomes
 * "oud-lid" everywhere the server shows it while their text stays; their
 * sockets close at once; a workspace deleted for good leaves none of its bytes
 * in the SQLite files; sessions unused for SESSION_IDLE_DAYS stop working.
 */
import { readFileSync, existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { sqliteFilePath } from '../../server/storage/sqlite.ts';
import { addAction, setDone } from '../../shared/schema/actions.ts';
import { addDecision, respond } from '../../shared/schema/decisions.ts';
import { actionsDocId, decisionsDocId } from '../../shared/schema/listDocuments.ts';
import { appendBlocks, plainText } from '../../shared/schema/richText.ts';
import { markDocumentChanged, readDocuments, readWorkplaces } from '../../shared/schema/workspaceIndex.ts';
import { addMember, apiRequest, collabPath, connectClient, createWorkspace, invite, POLL, rawSocket, type CollabClient } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { sqliteRows } from '../helpers/workspaceZip.ts';

let server: TestServer;
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

async function open(workspaceId: string, docId: string, token: string): Promise<CollabClient> {
  const client = connectClient({ server, workspaceId, docId, token });
  clients.push(client);
  await client.synced;
  return client;
}

async function planOf(workspaceId: string, token: string): Promise<{ planId: string; workplaceId: string }> {
  const index = await open(workspaceId, 'index', token);
  const plan = readDocuments(index.doc).find((entry) => entry.kind === 'plan')!;
  return { planId: plan.id, workplaceId: readWorkplaces(index.doc)[0]!.id };
}

/** Writes a paragraph as this member and waits until the server has stored it. */
async function write(workspaceId: string, docId: string, token: string, text: string): Promise<CollabClient> {
  const client = await open(workspaceId, docId, token);
  appendBlocks(client.doc, [{ type: 'paragraph', text }]);
  await vi.waitFor(() => {
    const [row] = sqliteRows<{ n: number }>(
      server.dataDir,
      "SELECT count(*) AS n FROM document_updates WHERE workspace_id = ? AND doc_id = ? AND instr(CAST(data AS TEXT), ?) > 0",
      workspaceId,
      docId,
      text,
    );
    if (row!.n === 0) throw new Error('not stored yet');
  }, POLL);
  return client;
}

describe('download my data', () => {
  it('a member gets their record, what they typed per document, the invites they made; nothing of others', async () => {
    const founder = await createWorkspace(server, 'Kracht van Zuilen', { name: 'Fatima', role: 'resident' });
    const other = await addMember(server, founder.workspaceId, founder.token, 'edit', { name: 'Dock-medewerker', role: 'professional' });
    const { planId } = await planOf(founder.workspaceId, founder.token);
    await write(founder.workspaceId, planId, founder.token, 'Fatima schrijft: burennetwerk in de Zuilense straten');
    await write(founder.workspaceId, planId, other.token, 'Tekst van iemand anders, niet van Fatima');
    await invite(server, founder.workspaceId, founder.token, 'view');
    // A decision (proposed by the other) with a consent response from each, an action Fatima owns, one she only marked done, one of the other's.
    const { workplaceId } = await planOf(founder.workspaceId, founder.token);
    const at = '2026-11-24T20:00:00.000Z';
    const decisions = await open(founder.workspaceId, decisionsDocId(workplaceId)!, founder.token);
    const othersDecisions = await open(founder.workspaceId, decisionsDocId(workplaceId)!, other.token);
    addDecision(othersDecisions.doc, { id: 'd1', title: 'Burennetwerk starten', proposedBy: other.memberId, at });
    respond(othersDecisions.doc, 'd1', other.memberId, 'bezwaar', 'te snel', at);
    await vi.waitFor(() => expect(decisions.doc.getMap('decisions').has('d1')).toBe(true), POLL);
    respond(decisions.doc, 'd1', founder.memberId, 'bedenkingen', 'eerst de straat vragen', at);
    const actions = await open(founder.workspaceId, actionsDocId(workplaceId)!, other.token);
    addAction(actions.doc, { id: 'a1', what: 'Flyers rondbrengen', owners: [founder.memberId], due: '2026-12-05', createdBy: other.memberId, at });
    addAction(actions.doc, { id: 'a2', what: 'Zaal boeken', owners: [other.memberId], createdBy: other.memberId, at });
    addAction(actions.doc, { id: 'a3', what: 'Koffie halen', owners: [other.memberId], createdBy: other.memberId, at });
    const fatimasActions = await open(founder.workspaceId, actionsDocId(workplaceId)!, founder.token);
    await vi.waitFor(() => expect(fatimasActions.doc.getMap('actions').has('a3')).toBe(true), POLL);
    setDone(fatimasActions.doc, 'a3', true, founder.memberId, at);
    await vi.waitFor(() => {
      const [row] = sqliteRows<{ n: number }>(server.dataDir, 'SELECT count(DISTINCT doc_id) AS n FROM document_updates WHERE workspace_id = ? AND doc_id LIKE ?', founder.workspaceId, '%-' + workplaceId);
      if (row!.n < 2) throw new Error('lists not stored yet');
      const [done] = sqliteRows<{ n: number }>(server.dataDir, 'SELECT count(*) AS n FROM document_updates WHERE workspace_id = ? AND doc_id = ? AND member_id = ?', founder.workspaceId, actionsDocId(workplaceId)!, founder.memberId);
      const [responded] = sqliteRows<{ n: number }>(server.dataDir, 'SELECT count(*) AS n FROM document_updates WHERE workspace_id = ? AND doc_id = ? AND member_id = ?', founder.workspaceId, decisionsDocId(workplaceId)!, founder.memberId);
      if (done!.n === 0 || responded!.n === 0) throw new Error("Fatima's list edits not stored yet");
    }, POLL);

    const response = await fetch(`${server.url}/api/workspaces/${founder.workspaceId}/my-data`, {
      headers: { authorization: `Bearer ${founder.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="samenspel-kracht-van-zuilen-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = (await response.json()) as {
      member: { id: string; name: string; role: string };
      writing: { id: string; edits: number; typedText: string[] }[];
      invitesCreated: { access: string }[];
      documentsCreated: { id: string }[];
      decisionsAndActions: Record<string, Record<string, unknown>[]>;
    };
    const workplace = readWorkplaces((await open(founder.workspaceId, 'index', founder.token)).doc)[0]!.title;
    const about = { workplace, decision: 'Burennetwerk starten', decisionId: 'd1' };
    expect(data.decisionsAndActions.consentResponses).toEqual([
      { ...about, round: 1, currentRound: true, kind: 'bedenkingen', note: 'eerst de straat vragen', at },
    ]);
    // Her response is in the decision's history; the other's proposal and objection are not hers.
    expect(data.decisionsAndActions.decisionsProposed).toEqual([]);
    expect(data.decisionsAndActions.decisionChanges).toEqual([{ ...about, at, field: 'response', value: 'bedenkingen' }]);
    expect(data.decisionsAndActions.actions).toEqual([
      { workplace, what: 'Flyers rondbrengen', actionId: 'a1', due: '2026-12-05', done: false, owner: true, createdByYou: false, markedDoneByYou: false },
      { workplace, what: 'Koffie halen', actionId: 'a3', done: true, doneAt: at, owner: false, createdByYou: false, markedDoneByYou: true },
    ]);
    expect(JSON.stringify(data)).not.toContain('te snel');
    expect(JSON.stringify(data)).not.toContain('Zaal boeken');
    expect(data.member).toMatchObject({ id: founder.memberId, name: 'Fatima', role: 'resident', access: 'edit' });
    const plan = data.writing.find((item) => item.id === planId)!;
    expect(plan.typedText.join('')).toContain('burennetwerk in de Zuilense straten');
    expect(JSON.stringify(data)).not.toContain('Tekst van iemand anders');
    expect(data.invitesCreated.map((item) => item.access)).toEqual(['edit', 'view']);
    expect(data.documentsCreated.map((item) => item.id)).toContain(planId);
    expect(JSON.stringify(data)).not.toContain(founder.token);
  });

  it('view-only members may download theirs; nobody downloads someone else’s', async () => {
    const founder = await createWorkspace(server);
    const viewer = await addMember(server, founder.workspaceId, founder.token, 'view', { name: 'Gemeente', role: 'other' });
    const mine = await apiRequest<{ member: { name: string } }>(server, 'GET', `/api/workspaces/${founder.workspaceId}/my-data`, { token: viewer.token });
    expect(mine.status).toBe(200);
    expect(mine.body.member.name).toBe('Gemeente');
    const stranger = await createWorkspace(server);
    expect((await apiRequest(server, 'GET', `/api/workspaces/${founder.workspaceId}/my-data`, { token: stranger.token })).status).toBe(403);
  });
});

describe('leaving and removal with anonymisation', () => {
  it('a removed member becomes "oud-lid" with their role in every answer and in the member table; their text stays; their socket closes', async () => {
    const OLD_NAME = 'Henk Ooievaar-7731';
    const founder = await createWorkspace(server, 'Westenwind', { name: 'Anna', role: 'resident' });
    const henk = await addMember(server, founder.workspaceId, founder.token, 'edit', { name: OLD_NAME, role: 'resident' });
    await invite(server, founder.workspaceId, henk.token, 'view'); // his name shows as the invite's maker
    const { planId } = await planOf(founder.workspaceId, founder.token);
    const henksClient = await write(founder.workspaceId, planId, henk.token, 'Henk zijn idee: een bankje bij de vijver');
    // As the app does: the index names him as the one who changed the plan last.
    const henksIndex = await open(founder.workspaceId, 'index', henk.token);
    markDocumentChanged(henksIndex.doc, planId, new Date().toISOString(), OLD_NAME);
    const annasIndex = await open(founder.workspaceId, 'index', founder.token);
    await vi.waitFor(() => expect(readDocuments(annasIndex.doc).find((entry) => entry.id === planId)?.changedBy).toBe(OLD_NAME), POLL);

    const answer = await apiRequest(server, 'POST', `/api/workspaces/${founder.workspaceId}/members/${henk.memberId}/anonymise`, {
      token: founder.token,
    });
    expect(answer.status).toBe(204);
    await vi.waitFor(() => expect(henksClient.closes.map((close) => close.code)).toContain(4403), POLL);
    // The open index hears it at once, and a new reader reads it from storage.
    await vi.waitFor(() => expect(readDocuments(annasIndex.doc).find((entry) => entry.id === planId)?.changedBy).toBe('oud-lid (bewoner)'), POLL);
    const laterIndex = await open(founder.workspaceId, 'index', founder.token);
    expect(JSON.stringify(laterIndex.doc.getMap('documents').toJSON())).not.toContain(OLD_NAME);

    const view = await apiRequest(server, 'GET', `/api/workspaces/${founder.workspaceId}`, { token: founder.token });
    expect(view.text).not.toContain(OLD_NAME);
    expect((view.body as { invites: { createdBy: string }[] }).invites.map((item) => item.createdBy)).toContain('oud-lid');
    const exported = await fetch(`${server.url}/api/workspaces/${founder.workspaceId}/export`, { headers: { authorization: `Bearer ${founder.token}` } });
    expect(Buffer.from(await exported.arrayBuffer()).includes(OLD_NAME)).toBe(false);
    const rows = sqliteRows<Record<string, unknown>>(server.dataDir, 'SELECT * FROM members WHERE workspace_id = ?', founder.workspaceId);
    expect(JSON.stringify(rows)).not.toContain(OLD_NAME);
    expect(rows.find((row) => row.id === henk.memberId)).toMatchObject({ name: 'oud-lid', role: 'resident' });

    // His text stays in the plan; his token no longer works.
    const reader = await open(founder.workspaceId, planId, founder.token);
    expect(plainText(reader.doc)).toContain('Henk zijn idee');
    expect((await apiRequest(server, 'GET', `/api/workspaces/${founder.workspaceId}`, { token: henk.token })).status).toBe(401);
  });

  it('a member leaves: anonymised, sessions end, the cookie is cleared; the last member who can edit cannot leave', async () => {
    const founder = await createWorkspace(server, 'Zuid Doet Samen', { name: 'Joke', role: 'resident' });
    const viewer = await addMember(server, founder.workspaceId, founder.token, 'view', { name: 'Stimenz Kees', role: 'professional' });
    const alone = await apiRequest(server, 'POST', `/api/workspaces/${founder.workspaceId}/leave`, { token: founder.token, headers: { 'accept-language': 'nl' } });
    expect(alone.status).toBe(409);
    expect(alone.body).toMatchObject({ error: 'last_editor', message: expect.stringContaining('laatste') });

    const socket = await open(founder.workspaceId, 'index', viewer.token);
    const left = await apiRequest(server, 'POST', `/api/workspaces/${founder.workspaceId}/leave`, { token: viewer.token });
    expect(left.status).toBe(204);
    expect(left.headers.get('set-cookie')).toMatch(new RegExp(`samenspel_${founder.workspaceId}=;.*Expires=Thu, 01 Jan 1970`));
    await vi.waitFor(() => expect(socket.closes.map((close) => close.code)).toContain(4403), POLL);
    expect((await apiRequest(server, 'GET', `/api/workspaces/${founder.workspaceId}/my-data`, { token: viewer.token })).status).toBe(401);
    const names = sqliteRows<{ name: string }>(server.dataDir, 'SELECT name FROM members WHERE workspace_id = ?', founder.workspaceId);
    expect(names.map((row) => row.name).sort()).toEqual(['Joke', 'oud-lid']);
  });

  it('nobody anonymises themselves (that is leaving), a member of another workspace, or as a view-only member', async () => {
    const founder = await createWorkspace(server);
    const viewer = await addMember(server, founder.workspaceId, founder.token, 'view');
    const other = await createWorkspace(server);
    const path = (memberId: string) => `/api/workspaces/${founder.workspaceId}/members/${memberId}/anonymise`;
    expect((await apiRequest(server, 'POST', path(founder.memberId), { token: founder.token })).status).toBe(403);
    expect((await apiRequest(server, 'POST', path(other.memberId), { token: founder.token })).status).toBe(404);
    expect((await apiRequest(server, 'POST', path(founder.memberId), { token: viewer.token })).status).toBe(403);
  });
});

/** Every file of the SQLite database: the main file, its WAL and shared memory. */
function databaseBytes(dataDir: string): Buffer {
  const base = sqliteFilePath(dataDir);
  return Buffer.concat([base, `${base}-wal`, `${base}-shm`].filter(existsSync).map((file) => readFileSync(file)));
}

describe('deleting a workspace for good', () => {
  it('leaves none of its ids, names or text in the SQLite files, closes its sockets, and keeps other workspaces', async () => {
    const SECRET_TEXT = 'Vijverplan-uniek-2f9d0c7e-niet-terugvinden';
    const KEEP_TEXT = 'Andere-werkruimte-blijft-7d1e';
    const founder = await createWorkspace(server, 'Weisterbeek-verwijderen-5b2', { name: 'Marij Weg-7c1', role: 'resident' });
    const member = await addMember(server, founder.workspaceId, founder.token, 'edit', { name: 'Piet Weg-9a4', role: 'professional' });
    const { planId, workplaceId } = await planOf(founder.workspaceId, founder.token);
    // Enough edits for a compaction (COMPACT_AFTER_UPDATES is 500 by default: force a few snapshots' worth of text).
    const writer = await write(founder.workspaceId, planId, member.token, SECRET_TEXT);
    for (let i = 0; i < 30; i++) appendBlocks(writer.doc, [{ type: 'paragraph', text: `${SECRET_TEXT} regel ${i}` }]);
    const keeper = await createWorkspace(server, 'Blijft bestaan');
    const kept = await planOf(keeper.workspaceId, keeper.token);
    await write(keeper.workspaceId, kept.planId, keeper.token, KEEP_TEXT);
    await write(founder.workspaceId, planId, founder.token, 'laatste regel');

    const needles = [founder.workspaceId, founder.memberId, member.memberId, planId, workplaceId, SECRET_TEXT, 'Marij Weg-7c1', 'Piet Weg-9a4', 'Weisterbeek-verwijderen-5b2'];
    const before = databaseBytes(server.dataDir);
    for (const needle of needles) expect(before.includes(needle), needle).toBe(true);

    const wrong = await apiRequest(server, 'DELETE', `/api/workspaces/${founder.workspaceId}`, { token: founder.token, json: { workspaceName: 'iets anders' } });
    expect(wrong.status).toBe(400);
    expect((wrong.body as { error: string }).error).toBe('confirmation_required');
    const viewer = await addMember(server, founder.workspaceId, founder.token, 'view');
    expect((await apiRequest(server, 'DELETE', `/api/workspaces/${founder.workspaceId}`, { token: viewer.token, json: { workspaceName: 'Weisterbeek-verwijderen-5b2' } })).status).toBe(403);

    const deleted = await apiRequest(server, 'DELETE', `/api/workspaces/${founder.workspaceId}`, {
      token: founder.token,
      json: { workspaceName: 'Weisterbeek-verwijderen-5b2' },
    });
    expect(deleted.status).toBe(204);
    await vi.waitFor(() => expect(writer.closes.map((close) => close.code)).toContain(4403), POLL);

    const after = databaseBytes(server.dataDir);
    for (const needle of needles) expect(after.includes(needle), `${needle} is still in the database files`).toBe(false);
    expect(after.includes(KEEP_TEXT)).toBe(true);
    expect((await apiRequest(server, 'GET', `/api/workspaces/${founder.workspaceId}`, { token: founder.token })).status).toBe(401);
    const keeperText = await open(keeper.workspaceId, kept.planId, keeper.token);
    expect(plainText(keeperText.doc)).toContain(KEEP_TEXT);
  });
});

describe('sessions expire after SESSION_IDLE_DAYS unused', () => {
  it('a session whose last use is older than the limit is refused, a recent one works and its use is recorded', async () => {
    const founder = await createWorkspace(server);
    const member = await addMember(server, founder.workspaceId, founder.token, 'edit');
    const day = 24 * 60 * 60 * 1000;
    const db = new BetterSqlite3(sqliteFilePath(server.dataDir));
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare('UPDATE sessions SET last_used_at = ? WHERE member_id = ?').run(Date.now() - 91 * day, member.memberId);
      db.prepare('UPDATE sessions SET last_used_at = ? WHERE member_id = ?').run(Date.now() - 89 * day, founder.memberId);
    } finally {
      db.close();
    }
    expect((await apiRequest(server, 'GET', `/api/workspaces/${founder.workspaceId}`, { token: member.token })).status).toBe(401);
    expect(await rawSocket(server, collabPath(founder.workspaceId, 'index'), { token: member.token }).refused()).toBe(401);
    expect((await apiRequest(server, 'GET', `/api/workspaces/${founder.workspaceId}`, { token: founder.token })).status).toBe(200);
    const [row] = sqliteRows<{ at: number }>(server.dataDir, 'SELECT last_used_at AS at FROM sessions WHERE member_id = ?', founder.memberId);
    expect(Date.now() - row!.at).toBeLessThan(60_000);
  });
});
