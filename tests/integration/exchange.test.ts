/**
 * Export and import over HTTP on a real server: a plan with every node type
 * comes out as DOCX (read back with mammoth), PDF (read back with pdfjs) and
 * Markdown (read back with our reader) with its structure and text intact;
 * the workplace report has its cover page and plans; reading rights are the
 * document's; without Chromium the PDF answers 503 and nothing else suffers.
 */
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CreateDocumentResponse } from '../../shared/api.ts';
import { documentFromJSON } from '../../shared/exchange/documentSchema.ts';
import { documentExportPath, importPath, reportExportPath } from '../../shared/exchange/exchangeApi.ts';
import { markdownToDocument } from '../../shared/exchange/markdown.ts';
import { WORD_IMPORT_STYLE_MAP } from '../../shared/exchange/wordStyles.ts';
import { richTextToJSON } from '../../shared/exchange/richTextJson.ts';
import { addDocument, nextDocumentOrder, readDocuments, readWorkplaces } from '../../shared/schema/workspaceIndex.ts';
import { addAction, setDone } from '../../shared/schema/actions.ts';
import { addDecision, respond } from '../../shared/schema/decisions.ts';
import { actionsDocId, decisionsDocId } from '../../shared/schema/listDocuments.ts';
import type { AcceptInviteResponse } from '../../shared/api.ts';
import { addMember, apiRequest, connectClient, createWorkspace, POLL, type CollabClient } from '../helpers/collab.ts';
import { outlineOfHtml, outlineOfJson, squash } from '../helpers/exportOutline.ts';
import { EVERY_NODE_PLAN, SAMPLE_LINK } from '../helpers/richTextSamples.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const clients: CollabClient[] = [];
let workspaceId: string;
let token: string;
let annaId: string;
let erik: AcceptInviteResponse;
let workplaceId: string;
let planId: string;
/** The municipality reads along. */
let readerToken: string;
const PLAN_TITLE = 'Plan van aanpak Voor elkaar';

async function download(path: string, options: { token?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(server.url + path, {
    headers: { ...(options.token && { authorization: `Bearer ${options.token}` }), ...options.headers },
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function pdfText(bytes: Buffer): Promise<{ pages: string[]; title: unknown; tagged: boolean }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise;
  const pages: string[] = [];
  let tagged = false;
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    const tree = await page.getStructTree();
    if (tree && JSON.stringify(tree).includes('"role":"H')) tagged = true;
  }
  const meta = await pdf.getMetadata();
  await pdf.destroy();
  return { pages, title: (meta.info as Record<string, unknown>).Title, tagged };
}

/** Each expected text appears in the haystack, in this order. */
function inOrder(haystack: string, needles: readonly string[]): string[] {
  const missing: string[] = [];
  let from = 0;
  for (const needle of needles.map(squash).filter(Boolean)) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) missing.push(needle);
    else from = at + needle.length;
  }
  return missing;
}

beforeAll(async () => {
  server = await startServer();
  ({ workspaceId, token, memberId: annaId } = await createWorkspace(server, 'Westenwind', { name: 'Anna de Vries', role: 'resident' }));
  const index = connectClient({ server, workspaceId, docId: 'index', token });
  clients.push(index);
  await index.synced;
  workplaceId = readWorkplaces(index.doc)[0]!.id;
  readerToken = (await addMember(server, workspaceId, token, 'view', { name: 'Gemeente Horst', role: 'other' })).token;
  erik = await addMember(server, workspaceId, token, 'edit', { name: 'Erik', role: 'professional' });
  // The plan comes in through the import route, as an imported Word plan would.
  const imported = await apiRequest<CreateDocumentResponse>(server, 'POST', importPath(workspaceId), {
    token,
    json: { workplaceId, title: PLAN_TITLE, content: EVERY_NODE_PLAN },
  });
  expect(imported.status, imported.text).toBe(201);
  planId = imported.body.docId;
  addDocument(index.doc, { id: planId, title: PLAN_TITLE, kind: 'plan', workplaceId, order: nextDocumentOrder(index.doc, workplaceId), createdAt: new Date().toISOString() });
  await vi.waitFor(async () => {
    const first = (await download(documentExportPath(workspaceId, planId, 'md'), { token })).bytes.toString().split('\n')[0];
    if (first !== `# ${PLAN_TITLE}`) throw new Error(`not listed yet: ${first}`);
  }, POLL);
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

describe('import', () => {
  it('stores exactly the imported content as a new document', async () => {
    const client = connectClient({ server, workspaceId, docId: planId, token });
    clients.push(client);
    await client.synced;
    expect(documentFromJSON(richTextToJSON(client.doc)).eq(documentFromJSON(EVERY_NODE_PLAN))).toBe(true);
  });

  it('refuses content outside the editor schema, script links, a reader, an unknown workplace and a missing title', async () => {
    const bad = await apiRequest<{ error: string; message: string }>(server, 'POST', importPath(workspaceId), {
      token,
      json: { workplaceId, title: 'Kapot', content: { type: 'doc', content: [{ type: 'image', attrs: { src: 'https://x/y.png' } }] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('import_invalid');
    expect(bad.body.message).toMatch(/niets aangemaakt/);
    const reader = await addMember(server, workspaceId, token, 'view');
    const refused = await apiRequest(server, 'POST', importPath(workspaceId), { token: reader.token, json: { workplaceId, title: 'X', content: EVERY_NODE_PLAN } });
    expect(refused.status).toBe(403);
    const nowhere = await apiRequest(server, 'POST', importPath(workspaceId), { token, json: { workplaceId: 'nope', title: 'X', content: EVERY_NODE_PLAN } });
    expect(nowhere.status).toBe(404);
    const scriptLink = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'klik', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }],
    };
    const unsafe = await apiRequest<{ error: string }>(server, 'POST', importPath(workspaceId), { token, json: { workplaceId, title: 'X', content: scriptLink } });
    expect(unsafe.status).toBe(400);
    expect(unsafe.body.error).toBe('import_invalid');
    const noTitle = await apiRequest(server, 'POST', importPath(workspaceId), { token, json: { workplaceId, title: '', content: EVERY_NODE_PLAN } });
    expect(noTitle.status).toBe(400);
  });
});

describe('document export', () => {
  it('DOCX: mammoth reads back every heading, paragraph, list item, task, quote, code block, table cell, mark and link', async () => {
    const file = await download(documentExportPath(workspaceId, planId, 'docx'), { token });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`${PLAN_TITLE} - Algemeen.docx`)}`);
    // Read the way our import reads Word (its style map turns the Code and Quote styles back into blocks).
    const { value: html } = await mammoth.convertToHtml({ buffer: file.bytes }, { styleMap: [...WORD_IMPORT_STYLE_MAP] });
    const outline = outlineOfHtml(html);
    // Title block first: the document's title and where it comes from.
    expect(outline.slice(0, 3).map((entry) => entry.text)).toEqual([PLAN_TITLE, 'Plan van aanpak', 'Coalitie: Westenwind']);
    const body = outline.slice(outline.findIndex((entry) => entry.kind === 'h1'));
    expect(body).toEqual(outlineOfJson(EVERY_NODE_PLAN));
    expect(html).toContain('<strong>samen</strong>');
    expect(html).toContain('<em>alleen</em>');
    expect(html).toContain('<s>doorgehaald</s>');
    expect(html).toContain('<strong><em>vet en schuin</em></strong>');
    expect(html).toContain(`<a href="${SAMPLE_LINK.replace(/&/g, '&amp;')}">de website van Westenwind</a>`);
    expect(html).toMatch(/<ul><li>Koffieochtend in De Schakel<\/li><li>Burenhulp via de app<ul><li>boodschappen<\/li>/);
    expect(html).toMatch(/<ol><li>Eerst de bewoners vragen<\/li><li>Dan samen kiezen<\/li><\/ol>/);
    expect(html).toContain('<blockquote><p>Wij beslissen samen, als gelijken.</p></blockquote>');
    expect(html).toContain('<pre>inloop 10:00\nstart 10:30</pre>');
    expect(html).toMatch(/<table><thead><tr><th><p>Wie<\/p><\/th><th><p>Wat<\/p><\/th><\/tr><\/thead><tbody><tr><td><p>Anna de Vries/);
  });

  it('PDF: tagged, titled, every text in order, header with coalition and workplace, numbered pages', async () => {
    const file = await download(documentExportPath(workspaceId, planId, 'pdf'), { token });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await pdfText(file.bytes);
    expect(pdf.title).toBe(PLAN_TITLE);
    expect(pdf.tagged).toBe(true);
    const all = squash(pdf.pages.join(' '));
    expect(inOrder(all, ['Coalitie Westenwind', 'Werkplaats Algemeen', ...outlineOfJson(EVERY_NODE_PLAN).map((entry) => entry.text)])).toEqual([]);
    pdf.pages.forEach((page, index) => {
      expect(squash(page)).toContain('Westenwind · Algemeen');
      expect(squash(page)).toContain(`Pagina ${index + 1} van ${pdf.pages.length}`);
    });
  });

  it('Markdown: reads back as the same document', async () => {
    const file = await download(documentExportPath(workspaceId, planId, 'md'), { token });
    expect(file.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const text = file.bytes.toString('utf8');
    const [titleLine, ...rest] = text.split('\n');
    expect(titleLine).toBe(`# ${PLAN_TITLE}`);
    const back = markdownToDocument(rest.join('\n'));
    expect(back.doc).toEqual(documentFromJSON(EVERY_NODE_PLAN).toJSON());
  });

  it('follows the reading rules: readers may, strangers and other workspaces may not', async () => {
    expect((await download(documentExportPath(workspaceId, planId, 'docx'), { token: readerToken })).status).toBe(200);
    expect((await download(documentExportPath(workspaceId, planId, 'md'))).status).toBe(401);
    const other = await createWorkspace(server, 'Andere coalitie');
    expect((await download(documentExportPath(workspaceId, planId, 'md'), { token: other.token })).status).toBe(403);
    const unknownDoc = await download(documentExportPath(workspaceId, 'bestaatniet', 'md'), { token });
    expect(unknownDoc.status).toBe(404);
    expect((await download(documentExportPath(workspaceId, 'index', 'md'), { token })).status).toBe(404);
    expect((await download(`/api/workspaces/${workspaceId}/documents/${planId}/export.exe`, { token })).status).toBe(404);
  });

  it('exports meeting notes too, with the meeting date under the title', async () => {
    const meeting = await apiRequest<CreateDocumentResponse>(server, 'POST', `/api/workspaces/${workspaceId}/documents`, {
      token,
      json: { workplaceId, kind: 'meeting', date: '2026-11-25' },
    });
    const index = clients[0]!;
    addDocument(index.doc, { id: meeting.body.docId, title: meeting.body.title, kind: 'meeting', workplaceId, order: nextDocumentOrder(index.doc, workplaceId), createdAt: new Date().toISOString(), date: '2026-11-25' });
    await expect.poll(() => readDocuments(index.doc).length, POLL).toBeGreaterThan(1);
    await expect
      .poll(async () => (await download(documentExportPath(workspaceId, meeting.body.docId, 'docx'), { token })).status, POLL)
      .toBe(200);
    await expect
      .poll(async () => {
        const file = await download(documentExportPath(workspaceId, meeting.body.docId, 'docx'), { token });
        return (await mammoth.extractRawText({ buffer: file.bytes })).value;
      }, POLL)
      .toContain('Verslag van overleg, 25 november 2026');
  });
});

describe('workplace report', () => {
  it('DOCX and PDF have a cover page with coalition, workplace, date and contributors by role, then the plan', async () => {
    const docx = await download(reportExportPath(workspaceId, workplaceId, 'docx'), { token });
    expect(docx.status).toBe(200);
    const { value: html } = await mammoth.convertToHtml({ buffer: docx.bytes });
    const text = squash((await mammoth.extractRawText({ buffer: docx.bytes })).value);
    expect(inOrder(text, ['Verslag van de werkplaats: Algemeen', 'Coalitie: Westenwind', 'Werkplaats: Algemeen', 'Wie schreven mee', 'Anna de Vries (bewoner)', 'Erik (professional)'])).toEqual([]);
    // The municipality reads along but did not write: not a contributor.
    expect(text).not.toContain('Gemeente Horst');
    expect(html).toContain(`<h1>${PLAN_TITLE}</h1>`);
    expect(outlineOfHtml(html).filter((entry) => entry.kind === 'th' || entry.kind === 'td').map((entry) => entry.text)).toContain('flyers | posters');

    const pdf = await download(reportExportPath(workspaceId, workplaceId, 'pdf'), { token });
    expect(pdf.status).toBe(200);
    const read = await pdfText(pdf.bytes);
    expect(read.pages.length).toBeGreaterThanOrEqual(2);
    expect(squash(read.pages[0]!)).toContain('Anna de Vries (bewoner)');
    // The plan starts on a page of its own, after the cover.
    expect(squash(read.pages[0]!)).not.toContain('Koffieochtend');
    const all = squash(read.pages.join(' '));
    expect(inOrder(all, [PLAN_TITLE, ...outlineOfJson(EVERY_NODE_PLAN).map((entry) => entry.text)])).toEqual([]);
  });

  it('speaks English when asked: cover, labels and page numbers', async () => {
    const docx = await download(`${reportExportPath(workspaceId, workplaceId, 'docx')}?lang=en`, { token });
    const text = squash((await mammoth.extractRawText({ buffer: docx.bytes })).value);
    expect(inOrder(text, ['Workplace report: Algemeen', 'Coalition: Westenwind', 'Workplace: Algemeen', 'Contributors', 'Anna de Vries (resident)'])).toEqual([]);
    const pdf = await pdfText((await download(documentExportPath(workspaceId, planId, 'pdf'), { token, headers: { 'accept-language': 'en-GB,en' } })).bytes);
    expect(squash(pdf.pages[0]!)).toContain(`Page 1 of ${pdf.pages.length}`);
  });

  it('has the decision list with status, date and consent, and the open actions (overdue marked, done ones left out)', async () => {
    const at = '2026-11-02T19:30:00.000Z';
    const decisions = connectClient({ server, workspaceId, docId: decisionsDocId(workplaceId)!, token });
    const eriksDecisions = connectClient({ server, workspaceId, docId: decisionsDocId(workplaceId)!, token: erik.token });
    const actions = connectClient({ server, workspaceId, docId: actionsDocId(workplaceId)!, token });
    clients.push(decisions, eriksDecisions, actions);
    await Promise.all([decisions.synced, eriksDecisions.synced, actions.synced]);
    addDecision(decisions.doc, { id: 'speeltuin', title: 'Speeltuin Lindelaan opknappen', explanation: 'Samen met de gemeente.', proposedBy: annaId, at });
    await vi.waitFor(() => expect(eriksDecisions.doc.getMap('decisions').has('speeltuin')).toBe(true), POLL);
    // Each consent response comes from its own member (the server's consent guard checks who sends it).
    respond(eriksDecisions.doc, 'speeltuin', erik.memberId, 'bedenkingen', 'Let op de kosten', at);
    addAction(actions.doc, { id: 'offerte', what: 'Offerte opvragen bij de aannemer', owners: [erik.memberId], due: '2020-03-01', createdBy: annaId, at });
    addAction(actions.doc, { id: 'zaal', what: 'Buurthuis reserveren', owners: [annaId], due: '2999-12-31', createdBy: annaId, at });
    addAction(actions.doc, { id: 'flyers', what: 'Posters ophangen bij de bakker', owners: [annaId], createdBy: annaId, at });
    setDone(actions.doc, 'flyers', true, annaId, at);

    const text = await vi.waitFor(async () => {
      const docx = await download(reportExportPath(workspaceId, workplaceId, 'docx'), { token });
      expect(docx.status).toBe(200);
      const raw = squash((await mammoth.extractRawText({ buffer: docx.bytes })).value);
      expect(raw).toContain('Erik (Let op de kosten)');
      expect(raw).toContain('Buurthuis reserveren');
      return raw;
    }, POLL);
    expect(inOrder(text, [
      PLAN_TITLE,
      'Besluitenlijst',
      'Speeltuin Lindelaan opknappen',
      'Samen met de gemeente.',
      'Status: Voorstel',
      'Voorgesteld op: 2 november 2026',
      'Voorgesteld door: Anna de Vries',
      'Instemming (ronde 1)',
      'Eens met bedenkingen: Erik (Let op de kosten)',
      'Nog niet gereageerd: Anna de Vries',
      'Open acties',
      // Soonest due first; the long overdue one is marked.
      'Offerte opvragen bij de aannemer — Wie: Erik — Uiterlijk: 1 maart 2020 (te laat)',
      'Buurthuis reserveren — Wie: Anna de Vries — Uiterlijk: 31 december 2999',
    ])).toEqual([]);
    expect(text).not.toContain('Buurthuis reserveren — Wie: Anna de Vries — Uiterlijk: 31 december 2999 (te laat)');
    expect(text).not.toContain('Posters ophangen');

    const pdf = await download(reportExportPath(workspaceId, workplaceId, 'pdf'), { token });
    expect(pdf.status).toBe(200);
    const all = squash((await pdfText(pdf.bytes)).pages.join(' '));
    expect(inOrder(all, ['Besluitenlijst', 'Speeltuin Lindelaan opknappen', 'Status: Voorstel', 'Open acties', 'Offerte opvragen bij de aannemer'])).toEqual([]);
    expect(all).not.toContain('Posters ophangen');
  });

  it('an unknown workplace is 404, a report of another workspace 403', async () => {
    expect((await download(reportExportPath(workspaceId, 'nergens', 'docx'), { token })).status).toBe(404);
    const other = await createWorkspace(server, 'Andere coalitie');
    expect((await download(reportExportPath(workspaceId, workplaceId, 'docx'), { token: other.token })).status).toBe(403);
  });
});

describe('meeting notes with chips to the decision and action lists', () => {
  it('DOCX, PDF and Markdown show each chip as its title and status; Markdown reads back to the same chips and text', async () => {
    const at = '2026-11-10T19:30:00.000Z';
    const decisions = connectClient({ server, workspaceId, docId: decisionsDocId(workplaceId)!, token });
    const actions = connectClient({ server, workspaceId, docId: actionsDocId(workplaceId)!, token });
    clients.push(decisions, actions);
    await Promise.all([decisions.synced, actions.synced]);
    addDecision(decisions.doc, { id: 'kerstborrel', title: 'Kerstborrel in het buurthuis', proposedBy: annaId, at });
    addAction(actions.doc, { id: 'lampjes', what: 'Lampjes ophangen', owners: [annaId], due: '2999-01-01', createdBy: annaId, at });
    const chip = (kind: string, itemId: string) => ({ type: 'listItemChip', attrs: { kind, itemId, workplaceId } });
    const notes = {
      type: 'doc',
      content: [{
        type: 'paragraph',
        content: [
          { type: 'text', text: 'We spraken af: ' }, chip('decision', 'kerstborrel'),
          { type: 'text', text: ' en daarom ' }, chip('action', 'lampjes'),
          { type: 'text', text: ' en verder ' }, chip('decision', 'verdwenen'), { type: 'text', text: ' einde.' },
        ],
      }],
    };
    const created = await apiRequest<CreateDocumentResponse>(server, 'POST', importPath(workspaceId), { token, json: { workplaceId, title: 'Overleg december', content: notes } });
    expect(created.status, created.text).toBe(201);
    const meetingId = created.body.docId;
    const index = clients[0]!;
    addDocument(index.doc, { id: meetingId, title: 'Overleg december', kind: 'meeting', workplaceId, order: nextDocumentOrder(index.doc, workplaceId), createdAt: at, date: '2026-12-01' });

    const expected = ['We spraken af: [besluit: Kerstborrel in het buurthuis — Voorstel] en daarom [actie: Lampjes ophangen — open] en verder [besluit] einde.'];
    const docxText = await vi.waitFor(async () => {
      const docx = await download(documentExportPath(workspaceId, meetingId, 'docx'), { token });
      const raw = squash((await mammoth.extractRawText({ buffer: docx.bytes })).value);
      expect(raw).toContain('Verslag van overleg, 1 december 2026');
      expect(raw).toContain('Lampjes ophangen');
      return raw;
    }, POLL);
    expect(inOrder(docxText, expected)).toEqual([]);

    const pdf = await download(documentExportPath(workspaceId, meetingId, 'pdf'), { token });
    expect(pdf.status).toBe(200);
    expect(inOrder(squash((await pdfText(pdf.bytes)).pages.join(' ')), expected)).toEqual([]);

    const markdown = (await download(documentExportPath(workspaceId, meetingId, 'md'), { token })).bytes.toString();
    expect(markdown).toContain('Kerstborrel in het buurthuis');
    const back = markdownToDocument(markdown.replace(/^# .*\n\n/, '')).doc;
    const paragraphs = (back.content ?? []).filter((node) => node.type === 'paragraph');
    expect(paragraphs).toHaveLength(1);
    // The chips come back from their ids, not from the printed words; the text around them is all there.
    expect(paragraphs[0]!.content).toEqual(notes.content[0]!.content);
    const again = await apiRequest<CreateDocumentResponse>(server, 'POST', importPath(workspaceId), { token, json: { workplaceId, title: 'Overleg december (kopie)', content: back } });
    expect(again.status, again.text).toBe(201);
  });
});

describe('without Chromium', () => {
  it('the PDF answers 503 with a readable message; Word and Markdown still work', async () => {
    const bare = await startServer({ env: { CHROMIUM_PATH: '/nonexistent/chromium' } });
    try {
      const owner = await createWorkspace(bare, 'Westenwind');
      const index = connectClient({ server: bare, workspaceId: owner.workspaceId, docId: 'index', token: owner.token });
      clients.push(index);
      await index.synced;
      const planOnBare = readDocuments(index.doc)[0]!.id;
      const pdf = await fetch(bare.url + documentExportPath(owner.workspaceId, planOnBare, 'pdf'), { headers: { authorization: `Bearer ${owner.token}` } });
      expect(pdf.status).toBe(503);
      const body = (await pdf.json()) as { error: string; message: string };
      expect(body.error).toBe('pdf_unavailable');
      expect(body.message).toMatch(/Chromium/);
      const english = await fetch(bare.url + documentExportPath(owner.workspaceId, planOnBare, 'pdf'), {
        headers: { authorization: `Bearer ${owner.token}`, 'accept-language': 'en-GB' },
      });
      expect(((await english.json()) as { message: string }).message).toMatch(/^A PDF cannot be made/);
      const docx = await fetch(bare.url + documentExportPath(owner.workspaceId, planOnBare, 'docx'), { headers: { authorization: `Bearer ${owner.token}` } });
      expect(docx.status).toBe(200);
    } finally {
      await bare.stop();
    }
  });
});
