/**
 * Workspace export and import through the real server: the zip holds every
 * document (Markdown, TipTap JSON, Yjs state), the index, the member list (no
 * secrets) and a manifest; importing it creates a new workspace that exports
 * to the same content; a bad zip gets a readable 4xx and creates nothing.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addAction, setDone } from '../../shared/schema/actions.ts';
import { addDecision, readDecisions, respond } from '../../shared/schema/decisions.ts';
import { actionsDocId, decisionsDocId, ensureListEntries } from '../../shared/schema/listDocuments.ts';
import { appendBlocks, plainText } from '../../shared/schema/richText.ts';
import { markDocumentChanged, readDocuments } from '../../shared/schema/workspaceIndex.ts';
import { addMember, apiRequest, connectClient, createWorkspace, invite, POLL, type CollabClient } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { downloadExport, exportZip, importZip, jsonFile, sqliteRows, unpack } from '../helpers/workspaceZip.ts';

let source: TestServer;
let target: TestServer;
const clients: CollabClient[] = [];

beforeAll(async () => {
  [source, target] = await Promise.all([startServer(), startServer({ env: { MAX_DOCUMENT_BYTES: String(1024 * 1024) } })]);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await Promise.all([source?.stop(), target?.stop()]);
});

async function open(server: TestServer, workspaceId: string, docId: string, token: string): Promise<CollabClient> {
  const client = connectClient({ server, workspaceId, docId, token });
  clients.push(client);
  await client.synced;
  return client;
}

const UNIQUE = 'Trapveldje-bij-de-vijver-8c41f';

/** A workspace with a plan, a meeting, a decision list with responses, an action list, a second member and a view-only member. */
async function filledWorkspace() {
  const founder = await createWorkspace(source, 'Westenwind', { name: 'Anna de Vries', role: 'resident' });
  const karim = await addMember(source, founder.workspaceId, founder.token, 'edit', { name: 'Karim Synthese', role: 'professional' });
  await addMember(source, founder.workspaceId, founder.token, 'view', { name: 'Gemeente Horst', role: 'other' });
  await invite(source, founder.workspaceId, founder.token, 'edit'); // an open invite: its code must not travel

  const index = await open(source, founder.workspaceId, 'index', founder.token);
  const plan = readDocuments(index.doc).find((entry) => entry.kind === 'plan')!;
  const meetingAnswer = await apiRequest<{ docId: string; title: string; date: string }>(
    source,
    'POST',
    `/api/workspaces/${founder.workspaceId}/documents`,
    { token: founder.token, json: { workplaceId: plan.workplaceId, kind: 'meeting', date: '2026-11-20' } },
  );
  const meetingId = meetingAnswer.body.docId;
  index.doc.transact(() => {
    index.doc.getMap<Y.Map<unknown>>('documents').set(meetingId, new Y.Map());
    const entry = index.doc.getMap<Y.Map<unknown>>('documents').get(meetingId)!;
    for (const [key, value] of Object.entries({ title: meetingAnswer.body.title, kind: 'meeting', workplaceId: plan.workplaceId, order: 1, archived: false, createdAt: new Date().toISOString(), date: '2026-11-20' })) {
      entry.set(key, value);
    }
  });
  markDocumentChanged(index.doc, plan.id, new Date().toISOString(), 'Anna de Vries');

  const planClient = await open(source, founder.workspaceId, plan.id, founder.token);
  appendBlocks(planClient.doc, [
    { type: 'heading', level: 2, text: 'Afspraken' },
    { type: 'paragraph', text: `We knappen het ${UNIQUE} op.` },
    { type: 'bulletList', items: ['goals terugzetten', 'bankjes'] },
    { type: 'taskList', items: [{ text: 'offerte vragen', checked: true }] },
  ]);
  const at = '2026-11-20T19:30:00.000Z';
  const decisionsId = decisionsDocId(plan.workplaceId)!;
  const actionsId = actionsDocId(plan.workplaceId)!;
  const decisions = await open(source, founder.workspaceId, decisionsId, founder.token);
  const karimsDecisions = await open(source, founder.workspaceId, decisionsId, karim.token);
  addDecision(decisions.doc, { id: 'besluit1', title: 'Vijver uitbaggeren', proposedBy: founder.memberId, at });
  respond(decisions.doc, 'besluit1', founder.memberId, 'eens', '', at);
  await vi.waitFor(() => expect(readDecisions(karimsDecisions.doc)).toHaveLength(1), POLL);
  // Each member sends their own response (the server's consent guard checks who does).
  respond(karimsDecisions.doc, 'besluit1', karim.memberId, 'bedenkingen', 'Eerst de eenden tellen', at);
  const actions = await open(source, founder.workspaceId, actionsId, founder.token);
  addAction(actions.doc, { id: 'actie1', what: 'Waterschap bellen', owners: [karim.memberId], due: '2026-12-01', createdBy: founder.memberId, at });
  addAction(actions.doc, { id: 'actie2', what: 'Schepnetten lenen', owners: [founder.memberId], createdBy: founder.memberId, at });
  setDone(actions.doc, 'actie2', true, founder.memberId, at);
  ensureListEntries(index.doc, plan.workplaceId, { decisions: 'Besluiten', actions: 'Acties' }, at);
  // Wait until everything is stored: the export reads storage.
  await vi.waitFor(async () => {
    const files = unpack(await exportZip(source, founder.workspaceId, founder.token));
    const md = files.get(`documents/${plan.id}/content.md`);
    const index = jsonFile<{ documents: unknown[] }>(files, 'index/index.json');
    const stored = md !== undefined && Buffer.from(md).toString().includes(UNIQUE) && files.has(`documents/${actionsId}/state.yjs`) && index.documents.length === 4
      && Buffer.from(files.get(`documents/${decisionsId}/content.csv`) ?? []).toString().includes('Eerst de eenden tellen')
      && Buffer.from(files.get(`documents/${actionsId}/content.csv`) ?? []).toString().includes('Schepnetten lenen');
    if (!stored) throw new Error('not all stored yet');
  }, POLL);
  return { founder, karim, planId: plan.id, meetingId, decisionsId, actionsId };
}

interface Manifest {
  format: string;
  version: number;
  exportedAt: string;
  counts: { documents: number; workplaces: number; members: number };
  files: { path: string; bytes: number }[];
}

/** What must survive a round trip: every document's content, the index, and the members (name, role, access). */
function comparable(files: Map<string, Uint8Array>) {
  const documents: Record<string, unknown> = {};
  for (const [path, bytes] of files) {
    const match = /^documents\/([^/]+)\/(content\.json|content\.md|document\.json)$/.exec(path);
    if (!match) continue;
    const text = Buffer.from(bytes).toString('utf8');
    const value: unknown = match[2] === 'content.md' ? text : JSON.parse(text);
    if (match[2] === 'document.json') delete (value as { createdBy?: unknown }).createdBy; // member ids may change
    documents[`${match[1]}/${match[2]}`] = value;
  }
  const members = jsonFile<{ name: string; role: string; access: string }[]>(files, 'members.json')
    .map(({ name, role, access }) => ({ name, role, access }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { documents, index: jsonFile(files, 'index/index.json'), members, workspace: (jsonFile(files, 'workspace.json') as { name: string }).name };
}

describe('workspace export', () => {
  it('one zip with every document as Markdown, TipTap JSON and Yjs state, the index, the members and a manifest; no secrets', async () => {
    const { founder, karim, planId, meetingId, decisionsId, actionsId } = await filledWorkspace();
    const response = await downloadExport(source, founder.workspaceId, founder.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="samenspel-westenwind-\d{4}-\d{2}-\d{2}\.zip"$/);
    const zip = new Uint8Array(await response.arrayBuffer());
    const files = unpack(zip);

    const manifest = jsonFile<Manifest>(files, 'manifest.json');
    expect(manifest).toMatchObject({ format: 'samenspel-workspace-export', version: 1, counts: { documents: 4, workplaces: 1, members: 3 } });
    expect(Date.now() - Date.parse(manifest.exportedAt)).toBeLessThan(60_000);
    expect(new Set(manifest.files.map((file) => file.path))).toEqual(new Set([...files.keys()].filter((path) => path !== 'manifest.json')));
    for (const file of manifest.files) expect(files.get(file.path)?.byteLength).toBe(file.bytes);

    for (const docId of [planId, meetingId]) {
      for (const name of ['state.yjs', 'content.json', 'content.md', 'document.json']) expect(files.has(`documents/${docId}/${name}`)).toBe(true);
    }
    const planJson = jsonFile<{ type: string; content: { type: string }[] }>(files, `documents/${planId}/content.json`);
    expect(planJson.type).toBe('doc');
    expect(planJson.content.map((node) => node.type)).toEqual(expect.arrayContaining(['heading', 'paragraph', 'bulletList', 'taskList']));
    const markdown = Buffer.from(files.get(`documents/${planId}/content.md`)!).toString();
    expect(markdown).toContain('## Afspraken');
    expect(markdown).toContain('- [x] offerte vragen');
    const state = new Y.Doc();
    Y.applyUpdate(state, files.get(`documents/${planId}/state.yjs`)!);
    expect(plainText(state)).toContain(UNIQUE);
    // The lists: Yjs state (the source) plus JSON as the schema reads it and the CSV the list page downloads.
    for (const docId of [decisionsId, actionsId]) {
      for (const name of ['state.yjs', 'content.json', 'content.csv', 'document.json']) expect(files.has(`documents/${docId}/${name}`)).toBe(true);
    }
    const decisionJson = jsonFile<{ decisions: { title: string; status: string; responses: { memberId: string; kind: string; note: string }[] }[] }>(files, `documents/${decisionsId}/content.json`);
    expect(decisionJson.decisions).toHaveLength(1);
    expect(decisionJson.decisions[0]).toMatchObject({ title: 'Vijver uitbaggeren', status: 'voorstel' });
    expect(decisionJson.decisions[0]!.responses.map(({ memberId, kind, note }) => [memberId, kind, note]).sort()).toEqual(
      [[founder.memberId, 'eens', ''], [karim.memberId, 'bedenkingen', 'Eerst de eenden tellen']].sort(),
    );
    const decisionCsv = Buffer.from(files.get(`documents/${decisionsId}/content.csv`)!).toString().split('\r\n');
    expect(decisionCsv[0]).toMatch(/^\uFEFFBesluit;Toelichting;Status;/);
    expect(decisionCsv[1]).toMatch(/^Vijver uitbaggeren;;Voorstel;Anna de Vries;2026-11-20;/);
    expect(decisionCsv[1]).toContain('Anna de Vries;Karim Synthese: Eerst de eenden tellen');
    const actionJson = jsonFile<{ actions: { what: string; done: boolean; owners: string[] }[] }>(files, `documents/${actionsId}/content.json`);
    expect(actionJson.actions.map(({ what, done, owners }) => [what, done, owners])).toEqual([
      ['Waterschap bellen', false, [karim.memberId]],
      ['Schepnetten lenen', true, [founder.memberId]],
    ]);
    const actionCsv = Buffer.from(files.get(`documents/${actionsId}/content.csv`)!).toString();
    expect(actionCsv).toContain('Waterschap bellen;Karim Synthese;2026-12-01;nee;');
    expect(actionCsv).toContain('Schepnetten lenen;Anna de Vries;;ja;Anna de Vries;2026-11-20;');
    expect(jsonFile(files, `documents/${decisionsId}/document.json`)).toMatchObject({ kind: 'decisions', title: 'Besluiten', inIndex: true });

    const members = jsonFile<Record<string, unknown>[]>(files, 'members.json');
    expect(members.map((member) => [member.name, member.role, member.access, member.active])).toEqual([
      ['Anna de Vries', 'resident', 'edit', true],
      ['Karim Synthese', 'professional', 'edit', true],
      ['Gemeente Horst', 'other', 'view', true],
    ]);
    for (const member of members) expect(Object.keys(member).sort()).toEqual(['access', 'active', 'id', 'joinedAt', 'name', 'role']);

    // No token, session hash or invite code anywhere in the zip's files.
    const everything = Buffer.concat([...files.values()].map((bytes) => Buffer.from(bytes))).toString('latin1');
    expect(everything).not.toContain(founder.token);
    const hashes = sqliteRows<{ h: string }>(source.dataDir, 'SELECT token_hash AS h FROM sessions UNION SELECT code_hash FROM invites');
    expect(hashes.length).toBeGreaterThan(3);
    for (const { h } of hashes) expect(everything).not.toContain(h);
  });

  it('a document whose content the editor cannot read does not stop the export; its state still travels', async () => {
    const founder = await createWorkspace(source, 'Rommelig');
    const odd = await open(source, founder.workspaceId, 'vreemd-document', founder.token);
    odd.doc.getXmlFragment('default').insert(0, [new Y.XmlElement('bogus'), new Y.XmlText('losse tekst')]);
    let files = new Map<string, Uint8Array>();
    await vi.waitFor(async () => {
      files = unpack(await exportZip(source, founder.workspaceId, founder.token));
      if (!files.has('documents/vreemd-document/state.yjs')) throw new Error('not stored yet');
    }, POLL);
    expect(jsonFile(files, 'documents/vreemd-document/document.json')).toMatchObject({ readableAsText: false, inIndex: false });
    expect(files.has('documents/vreemd-document/content.md')).toBe(false);
    const imported = await importZip(target, await exportZip(source, founder.workspaceId, founder.token));
    expect(imported.status).toBe(201);
    const copy = await open(target, imported.body.workspaceId!, 'vreemd-document', imported.body.token!);
    expect(copy.doc.getXmlFragment('default').toString()).toContain('losse tekst');
  });

  it('view-only members and strangers cannot export the whole workspace', async () => {
    const founder = await createWorkspace(source);
    const viewer = await addMember(source, founder.workspaceId, founder.token, 'view');
    expect((await downloadExport(source, founder.workspaceId, viewer.token)).status).toBe(403);
    const other = await createWorkspace(source);
    expect((await downloadExport(source, founder.workspaceId, other.token)).status).toBe(403);
    expect((await fetch(`${source.url}/api/workspaces/${founder.workspaceId}/export`)).status).toBe(401);
  });
});

describe('workspace import', () => {
  it('export → import on another server → export loses nothing: documents, index and members', async () => {
    const { founder, karim, planId, decisionsId, actionsId } = await filledWorkspace();
    const first = await exportZip(source, founder.workspaceId, founder.token);

    const imported = await importZip(target, first, { name: 'Anna de Vries', role: 'resident' });
    expect(imported.status).toBe(201);
    const { workspaceId, token, memberId } = imported.body as { workspaceId: string; token: string; memberId: string };
    expect(workspaceId).not.toBe(founder.workspaceId);
    // The importer took over her own record (same id: it is free on the other server).
    expect(memberId).toBe(founder.memberId);

    const second = await exportZip(target, workspaceId, token);
    expect(comparable(unpack(second))).toEqual(comparable(unpack(first)));

    // The imported workspace works: the importer opens the plan and sees the text; the others are former members.
    const plan = await open(target, workspaceId, planId, token);
    expect(plainText(plan.doc)).toContain(UNIQUE);
    // The lists came back from their Yjs state, responses and all (comparable() compared their JSON views too).
    const decisions = await open(target, workspaceId, decisionsId, token);
    expect(readDecisions(decisions.doc)[0]!.responses.find((response) => response.memberId === karim.memberId)).toMatchObject({ kind: 'bedenkingen', note: 'Eerst de eenden tellen' });
    const secondFiles = unpack(second);
    expect(Buffer.from(secondFiles.get(`documents/${actionsId}/content.csv`)!).toString()).toContain('Waterschap bellen;');
    // Karim is a former member on the new server: the CSV view says so, the list itself still holds his id.
    expect(Buffer.from(secondFiles.get(`documents/${decisionsId}/content.csv`)!).toString()).toContain('oud-lid: Eerst de eenden tellen');
    const view = await apiRequest<{ members: { name: string }[]; me: { name: string } }>(target, 'GET', `/api/workspaces/${workspaceId}`, { token });
    expect(view.body.me.name).toBe('Anna de Vries');
    expect(view.body.members.map((member) => member.name)).toEqual(['Anna de Vries']);
    const members = jsonFile<{ name: string; active: boolean }[]>(unpack(second), 'members.json');
    expect(members.filter((member) => !member.active).map((member) => member.name).sort()).toEqual(['Gemeente Horst', 'Karim Synthese']);
  });

  it('importing into the same server gives new member ids where the old ones are taken, and someone new becomes a member', async () => {
    const { founder } = await filledWorkspace();
    const zip = await exportZip(source, founder.workspaceId, founder.token);
    const imported = await importZip(source, zip, { name: 'Bram', role: 'other' });
    expect(imported.status).toBe(201);
    expect(imported.body.memberId).not.toBe(founder.memberId);
    const rows = sqliteRows<{ name: string; removed: number }>(
      source.dataDir,
      'SELECT name, removed_at IS NOT NULL AS removed FROM members WHERE workspace_id = ? ORDER BY created_at',
      imported.body.workspaceId,
    );
    expect(rows.find((row) => row.name === 'Bram')?.removed).toBe(0);
    expect(rows.filter((row) => row.removed === 1).map((row) => row.name).sort()).toEqual(['Anna de Vries', 'Gemeente Horst', 'Karim Synthese']);
  });
});

describe('a bad zip gets a readable 4xx and creates nothing', () => {
  let good: Map<string, Uint8Array>;

  beforeAll(async () => {
    const { founder } = await filledWorkspace();
    good = unpack(await exportZip(source, founder.workspaceId, founder.token));
  });

  function rezip(change: (files: Zippable) => void): Uint8Array {
    const files: Zippable = Object.fromEntries(good);
    change(files);
    return zipSync(files);
  }

  function manifestWith(files: Zippable, change: (manifest: Manifest) => void): void {
    const manifest = JSON.parse(Buffer.from(files['manifest.json'] as Uint8Array).toString()) as Manifest;
    change(manifest);
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
  }

  const workspaceCount = () => sqliteRows<{ n: number }>(target.dataDir, 'SELECT count(*) AS n FROM workspaces')[0]!.n;
  const documentCount = () => sqliteRows<{ n: number }>(target.dataDir, 'SELECT count(*) AS n FROM documents')[0]!.n;

  const cases: [string, () => Uint8Array, number, string, string?][] = [
    ['not a zip', () => strToU8('Dit is een Word-bestand, echt waar'), 400, 'import_not_zip'],
    ['a zip of something else', () => zipSync({ 'plan.docx': strToU8('x') }), 400, 'import_bad_entry'],
    ['another format version', () => rezip((files) => manifestWith(files, (manifest) => void (manifest.version = 2))), 400, 'import_wrong_version'],
    ['no manifest', () => rezip((files) => void delete files['manifest.json']), 400, 'import_wrong_version'],
    ['no member list', () => rezip((files) => void delete files['members.json']), 400, 'import_incomplete'],
    [
      'a document without its state',
      () => rezip((files) => void delete files[Object.keys(files).find((path) => path.endsWith('/state.yjs') && path.startsWith('documents/'))!]),
      400,
      'import_incomplete',
    ],
    ['a path that climbs out', () => rezip((files) => void (files['../../etc/cron.d/samenspel'] = strToU8('boom'))), 400, 'import_bad_entry'],
    ['an absolute path', () => rezip((files) => void (files['/tmp/samenspel'] = strToU8('boom'))), 400, 'import_bad_entry'],
    [
      'a Yjs state that is not one',
      () => rezip((files) => void (files[Object.keys(files).find((path) => path.startsWith('documents/') && path.endsWith('/state.yjs'))!] = strToU8('geen yjs'))),
      400,
      'import_bad_entry',
    ],
    [
      'a document state over MAX_DOCUMENT_BYTES (1 MiB here)',
      () => {
        const doc = new Y.Doc();
        doc.getText('x').insert(0, 'a'.repeat(2 * 1024 * 1024));
        return rezip((files) => void (files[Object.keys(files).find((path) => path.startsWith('documents/') && path.endsWith('/state.yjs'))!] = Y.encodeStateAsUpdate(doc)));
      },
      413,
      'import_too_large',
    ],
    [
      'a zip bomb (40 MiB of zeros in 40 kB, header says 10 bytes)',
      () => {
        const zip = zipSync({ 'members.json': new Uint8Array(40 * 1024 * 1024) }, { level: 9 });
        return zip;
      },
      413,
      'import_too_large',
    ],
    ['sent as text (a form could do that cross-site)', () => rezip(() => undefined), 415, 'import_not_zip', 'text/plain'],
  ];

  for (const [what, make, status, code, contentType] of cases) {
    it(`${what} → ${status} ${code}`, async () => {
      const [workspacesBefore, documentsBefore] = [workspaceCount(), documentCount()];
      const answer = await importZip(target, make(), { name: 'Anna', role: 'resident' }, contentType);
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      expect(answer.body.error).toBe(code);
      expect(answer.body.message).toMatch(/\S{3,}/);
      expect([workspaceCount(), documentCount()]).toEqual([workspacesBefore, documentsBefore]);
    });
  }

  it('an import larger than MAX_IMPORT_BYTES is refused with 413 before it is read', async () => {
    const small = await startServer({ env: { MAX_IMPORT_BYTES: '2048' } });
    try {
      const answer = await importZip(small, rezip(() => undefined));
      expect(answer.status).toBe(413);
      expect(sqliteRows<{ n: number }>(small.dataDir, 'SELECT count(*) AS n FROM workspaces')[0]!.n).toBe(0);
    } finally {
      await small.stop();
    }
  });

  it('the importer must give a name and a role; SIGNUP=closed refuses imports', async () => {
    expect((await importZip(target, rezip(() => undefined), { name: '', role: 'resident' })).status).toBe(400);
    expect((await importZip(target, rezip(() => undefined), { name: 'Anna', role: 'koning' })).body.error).toBe('role_invalid');
    const closed = await startServer({ env: { SIGNUP: 'closed' } });
    try {
      expect((await importZip(closed, rezip(() => undefined))).status).toBe(403);
    } finally {
      await closed.stop();
    }
  });
});
