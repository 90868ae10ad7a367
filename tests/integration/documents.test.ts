/**
 * `POST /api/workspaces/:id/documents`: the server creates a plan or meeting
 * notes with its template, exactly once, under a new id; view-only members and
 * strangers cannot; bad bodies are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateDocumentResponse, CreateWorkspaceResponse } from '../../shared/api.ts';
import { readDocuments, readWorkplaces } from '../../shared/schema/workspaceIndex.ts';
import { plainText } from '../../shared/schema/richText.ts';
import { MEETING_SECTIONS } from '../../shared/schema/meetingTemplate.ts';
import { addMember, apiRequest, connectClient, createWorkspace, type CollabClient } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

function createDoc(workspaceId: string, token: string, json: unknown) {
  return apiRequest<CreateDocumentResponse>(server, 'POST', `/api/workspaces/${workspaceId}/documents`, { token, json });
}

async function textOf(workspaceId: string, docId: string, token: string): Promise<string> {
  const client = connectClient({ server, workspaceId, docId, token });
  clients.push(client);
  await client.synced;
  return plainText(client.doc);
}

const count = (text: string, part: string): number => text.split(part).length - 1;

describe('creating documents', () => {
  it('a new plan holds its template once, also when two people open it at the same moment', async () => {
    const { workspaceId, token } = await createWorkspace(server);
    const response = await createDoc(workspaceId, token, { workplaceId: 'werkplaats1', kind: 'plan' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ kind: 'plan', title: 'Plan van aanpak' });

    const [first, second] = await Promise.all([
      textOf(workspaceId, response.body.docId, token),
      textOf(workspaceId, response.body.docId, token),
    ]);
    expect(first).toBe(second);
    for (const heading of ['Doel', 'Aanleiding', 'Aanpak', 'Wie doet wat', 'Planning', 'Evaluatie']) {
      expect(count(first, heading), first).toBeGreaterThanOrEqual(1);
    }
    expect(count(first, 'Wie doet wat'), first).toBe(1);
  });

  it('a new meeting gets its date, a title with that date and the five parts, once', async () => {
    const { workspaceId, token } = await createWorkspace(server);
    const response = await createDoc(workspaceId, token, { workplaceId: 'w1', kind: 'meeting', date: '2026-11-25' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ kind: 'meeting', title: 'Overleg 25 november 2026', date: '2026-11-25' });
    const text = await textOf(workspaceId, response.body.docId, token);
    expect(text).toContain('Datum: woensdag 25 november 2026');
    for (const heading of Object.values(MEETING_SECTIONS)) expect(count(text, heading), text).toBe(1);

    const titled = await createDoc(workspaceId, token, { workplaceId: 'w1', kind: 'meeting', title: 'Buurtavond' });
    expect(titled.body.title).toBe('Buurtavond');
    expect(titled.body.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(titled.body.docId).not.toBe(response.body.docId);
  });

  it('view-only members and people without a token cannot create documents; bad bodies are refused', async () => {
    const { workspaceId, token } = await createWorkspace(server);
    const viewer = await addMember(server, workspaceId, token, 'view');
    expect((await createDoc(workspaceId, viewer.token, { workplaceId: 'w1', kind: 'plan' })).status).toBe(403);
    expect((await apiRequest(server, 'POST', `/api/workspaces/${workspaceId}/documents`, { json: { workplaceId: 'w1', kind: 'plan' } })).status).toBe(401);
    expect((await createDoc(workspaceId, token, { workplaceId: 'w1', kind: 'decisions' })).status).toBe(400);
    expect((await createDoc(workspaceId, token, { workplaceId: 'w1', kind: 'meeting', date: '25-11-2026' })).status).toBe(400);
    expect((await createDoc(workspaceId, token, { kind: 'plan' })).status).toBe(400);
  });
});

describe('the example workspace', () => {
  it('holds the five Westenwind workplaces, each with a plan and a meeting with their text', async () => {
    const response = await apiRequest<CreateWorkspaceResponse>(server, 'POST', '/api/example-workspace', {
      json: { member: { name: 'Nieuwkomer', role: 'resident' } },
    });
    expect(response.status).toBe(201);
    const { workspaceId, token } = response.body;
    const index = connectClient({ server, workspaceId, docId: 'index', token });
    clients.push(index);
    await index.synced;
    expect(readWorkplaces(index.doc).map((w) => w.title)).toEqual([
      'Herinrichten in de wijken',
      'Wonen en Samen-Wonen',
      'Voor elkaar',
      'Weisterbeek',
      'Met Meer Mogelijkheden',
    ]);
    const documents = readDocuments(index.doc);
    expect(documents).toHaveLength(10);
    for (const workplace of readWorkplaces(index.doc)) {
      expect(readDocuments(index.doc, workplace.id).map((d) => d.kind).sort()).toEqual(['meeting', 'plan']);
    }
    const first = readWorkplaces(index.doc)[0]!;
    const plan = readDocuments(index.doc, first.id).find((d) => d.kind === 'plan')!;
    const text = await textOf(workspaceId, plan.id, token);
    expect(text).toContain('Doel');
    expect(text).toContain('trapveldjes');
    const meeting = documents.find((d) => d.kind === 'meeting')!;
    expect(meeting.date).toMatch(/^2026-/);
    expect(await textOf(workspaceId, meeting.id, token)).toContain('Aanwezig');
  });
});
