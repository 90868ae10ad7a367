/**
 * The "Leesbaarheid" panel in real Chromium, in Dutch: typed text gets a score
 * and hints, the hints are marked in the text and select it, a word added to
 * the workspace's word list shows up as a hint for everyone (also for a
 * view-only member, who cannot change the list), the trend reads the daily
 * samples in the index, and the page passes axe at 390 px and laptop width.
 *
 * With SAMENSPEL_SCREENSHOTS=<dir> the panel is saved there at both widths.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AcceptInviteResponse, CreateInviteResponse, CreateWorkspaceResponse } from '../../shared/api.ts';
import { INDEX_DOC_ID } from '../../shared/rooms.ts';
import { readScoreHistory, recordScore } from '../../shared/schema/readabilityHistory.ts';
import { browserTestSession, editorText, LAPTOP, PHONE, type Person } from '../helpers/browser.ts';
import { connectClient, POLL } from '../helpers/collab.ts';
import { goToNewLineAtEnd, openPlan } from './flows.ts';

const session = browserTestSession();
const screenshotDir = process.env.SAMENSPEL_SCREENSHOTS;

const TYPED =
  'De doelgroep van het bewonersinitiatief wordt door de buurtkrant elke maand uitgenodigd. ' +
  'Op zaterdag komen de buren uit onze straat samen in het buurthuis om koffie te drinken en samen plannen voor de zomer te maken.';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** A workspace made through the API from the person's own browser (so it gets the cookie); returns its id and token. */
async function workspaceFor(person: Person, name: string): Promise<CreateWorkspaceResponse> {
  const response = await person.context.request.post('/api/workspaces', {
    headers: { Origin: session.server.url },
    data: { name, member: { name: 'Fatima', role: 'resident' } },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as CreateWorkspaceResponse;
}

async function joinAs(person: Person, workspace: CreateWorkspaceResponse, access: 'edit' | 'view', name: string): Promise<void> {
  const headers = { Origin: session.server.url };
  const created = await person.context.request.post(`/api/workspaces/${workspace.workspaceId}/invites`, {
    headers: { ...headers, Authorization: `Bearer ${workspace.token}` },
    data: { access },
  });
  const { code } = (await created.json()) as CreateInviteResponse;
  const accepted = await person.context.request.post(`/api/invites/${code}/accept`, { headers, data: { name, role: 'other' } });
  expect(((await accepted.json()) as AcceptInviteResponse).workspaceId).toBe(workspace.workspaceId);
}

function yesterday(): string {
  const date = new Date();
  date.setDate(date.getDate() - 1);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe('Leesbaarheid panel', () => {
  it('scores typed text, lists and marks hints, selects them, follows the word list live and shows the trend', { timeout: 120_000 }, async () => {
    const writer = await session.person();
    const reader = await session.person();
    const workspace = await workspaceFor(writer, 'Zuid Doet Samen');
    await joinAs(reader, workspace, 'view', 'Gemeente Apeldoorn');

    await writer.page.goto(`/w/${workspace.workspaceId}`);
    await openPlan(writer.page);
    const planPath = new URL(writer.page.url()).pathname;
    const docId = planPath.split('/').at(-1) ?? '';
    await reader.page.goto(planPath);
    await reader.page.locator('.ProseMirror').getByText('Doel', { exact: true }).waitFor();

    // Yesterday's score, as another day's visit would have left it in the index.
    const indexClient = connectClient({ server: session.server, workspaceId: workspace.workspaceId, docId: INDEX_DOC_ID, token: workspace.token });
    await indexClient.synced;
    recordScore(indexClient.doc, docId, yesterday(), 12);

    await goToNewLineAtEnd(writer.page);
    await writer.page.keyboard.type(TYPED);

    const panel = writer.page.getByRole('region', { name: 'Leesbaarheid' });
    await panel.getByText('Dit is een indicatie. Geen formule kan zeggen of een tekst op B1-niveau is.', { exact: false }).waitFor();
    await expect.poll(() => panel.getByText(/^Leesgemak: \d+$/).count(), POLL).toBe(1);
    await panel.getByText(/^Op .+ was het 12\. De tekst is nu makkelijker \(\+\d+\)\.$/).waitFor();
    // Today's score is kept in the index by the member who writes.
    await expect.poll(() => readScoreHistory(indexClient.doc, docId).length, POLL).toBe(2);

    // The hints, listed with their suggestions once shown.
    await panel.getByRole('listitem').filter({ hasText: /^Lange zin: [1-9]\d* lange zin(nen)?$/ }).waitFor();
    await panel.getByRole('button', { name: /^Aanwijzingen tonen \(\d+\)$/ }).click();
    const hint = (text: string) => panel.getByRole('listitem').filter({ hasText: text });
    await hint('Schrijf liever: de mensen voor wie het is.').filter({ hasText: 'doelgroep' }).waitFor();
    await hint('Zeg wie het doet.').filter({ hasText: 'wordt door de buurtkrant elke maand uitgenodigd' }).waitFor();
    await hint('Deze zin heeft 24 woorden.').waitFor();
    await hint('Dit woord heeft 8 lettergrepen.').filter({ hasText: 'bewonersinitiatief' }).waitFor();

    // Marked in the text: each kind with its own class, and a number after it.
    const editor = writer.page.locator('.ProseMirror');
    await editor.locator('.readability-mark--jargon', { hasText: 'doelgroep' }).waitFor();
    await editor.locator('.readability-mark--passive').first().waitFor();
    await editor.locator('.readability-mark--longSentence').first().waitFor();
    await editor.locator('.readability-mark--longWord', { hasText: 'bewonersinitiatief' }).waitFor();
    expect(await editor.locator('.readability-marker').count()).toBeGreaterThanOrEqual(4);
    // The marks are decorations only: without the numbers the text reads as typed.
    const withoutMarkers = await editor.evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.readability-marker').forEach((marker) => marker.remove());
      return copy.textContent ?? '';
    });
    expect(withoutMarkers).toContain(TYPED);

    // Choosing a hint selects its words in the text.
    await hint('Schrijf liever: de mensen voor wie het is.').getByRole('button').click();
    await expect.poll(() => writer.page.evaluate(() => window.getSelection()?.toString()), POLL).toBe('doelgroep');
    await editor.locator('.readability-mark--active', { hasText: 'doelgroep' }).waitFor();

    // The word list: the reader can read it, not change it.
    const readerPanel = reader.page.getByRole('region', { name: 'Leesbaarheid' });
    await readerPanel.getByText(/^Woordenlijst met moeilijke woorden/).click();
    await readerPanel.getByText('Alleen deelnemers die mogen meeschrijven kunnen de lijst aanpassen.').waitFor();
    expect(await readerPanel.getByRole('button', { name: 'Toevoegen' }).count()).toBe(0);
    await readerPanel.getByRole('button', { name: /^Aanwijzingen tonen/ }).click();

    // The writer adds "buurtkrant": a hint appears for both of them.
    await panel.getByText(/^Woordenlijst met moeilijke woorden/).click();
    const addForm = panel.getByRole('form', { name: 'Woord toevoegen' });
    await addForm.getByLabel('Moeilijk woord').fill('Buurtkrant');
    await addForm.getByLabel('Gewoner woord of korte uitleg').fill('het krantje van de wijk');
    await addForm.getByRole('button', { name: 'Toevoegen' }).click();
    await panel.getByText('"buurtkrant" staat op de lijst.').waitFor();
    await hint('Schrijf liever: het krantje van de wijk.').filter({ hasText: 'buurtkrant' }).waitFor();
    await editor.locator('.readability-mark--jargon', { hasText: 'buurtkrant' }).waitFor();
    await readerPanel.getByRole('listitem').filter({ hasText: 'Schrijf liever: het krantje van de wijk.' }).first().waitFor();
    await reader.page.locator('.ProseMirror .readability-mark--jargon', { hasText: 'buurtkrant' }).waitFor();

    // The list can be searched.
    await panel.getByLabel('Zoek in de lijst').fill('meedoen');
    await expect.poll(() => panel.locator('.jargon-list__item').allInnerTexts(), POLL).toEqual([
      expect.stringContaining('participatie'),
      expect.stringContaining('participeren'),
    ]);
    await panel.getByLabel('Zoek in de lijst').fill('');

    // An empty alternative is refused with a clear message and changes nothing.
    await addForm.getByLabel('Moeilijk woord').fill('wijkschouw');
    await addForm.getByRole('button', { name: 'Toevoegen' }).click();
    await addForm.getByRole('alert').filter({ hasText: 'Vul een gewoner woord of een korte uitleg in.' }).waitFor();
    expect(await panel.getByText('wijkschouw', { exact: true }).count()).toBe(0);

    // Changing an entry changes the suggestion; removing it removes the hint.
    await panel.getByRole('button', { name: 'Wijzig doelgroep' }).click();
    const editForm = panel.getByRole('form', { name: 'Wijzig doelgroep' });
    await editForm.getByLabel('Gewoner woord of korte uitleg').fill('de bewoners om wie het gaat');
    await editForm.getByRole('button', { name: 'Opslaan' }).click();
    await hint('Schrijf liever: de bewoners om wie het gaat.').waitFor();
    await panel.getByRole('button', { name: 'Verwijder doelgroep' }).click();
    await panel.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await expect.poll(() => editor.locator('.readability-mark--jargon', { hasText: 'doelgroep' }).count(), POLL).toBe(0);
    await expect.poll(() => readerPanel.getByRole('listitem').filter({ hasText: 'de bewoners om wie het gaat' }).count(), POLL).toBe(0);

    // Hiding the hints removes the marks.
    await panel.getByRole('button', { name: 'Aanwijzingen verbergen' }).click();
    await expect.poll(() => editor.locator('.readability-mark--jargon').count(), POLL).toBe(0);

    // The marks never touched the document or its history: undo still takes back the typing.
    await writer.page.getByRole('toolbar').getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => editorText(writer.page), POLL).not.toContain('zomer te maken');
    indexClient.destroy();
  });

  it.each([
    ['phone', PHONE],
    ['laptop', LAPTOP],
  ])('passes axe with the hints shown on a %s', { timeout: 90_000 }, async (name, viewport) => {
    const person = await session.person({ viewport });
    const workspace = await workspaceFor(person, `Leesbaarheid ${name}`);
    await person.page.goto(`/w/${workspace.workspaceId}`);
    await openPlan(person.page);
    await goToNewLineAtEnd(person.page);
    await person.page.keyboard.type(TYPED);
    const panel = person.page.getByRole('region', { name: 'Leesbaarheid' });
    await panel.getByRole('button', { name: /^Aanwijzingen tonen \(\d+\)$/ }).click();
    await person.page.locator('.ProseMirror .readability-mark--jargon', { hasText: 'doelgroep' }).waitFor();
    if (screenshotDir) {
      mkdirSync(screenshotDir, { recursive: true });
      await person.page.locator('.editor').screenshot({ path: path.join(screenshotDir, `readability-${name}-text.png`), animations: 'disabled' });
      await panel.screenshot({ path: path.join(screenshotDir, `readability-${name}-panel.png`), animations: 'disabled' });
    }
    await panel.getByText(/^Woordenlijst met moeilijke woorden/).click();
    await panel.getByRole('button', { name: 'Wijzig casuïstiek' }).waitFor();

    expect(await seriousViolations(person.page), `${name} at ${viewport.width} px`).toEqual([]);
    if (viewport.width === PHONE.width) {
      expect(await person.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    }
    if (screenshotDir) {
      await panel.locator('.jargon-list').screenshot({ path: path.join(screenshotDir, `readability-${name}-wordlist.png`), animations: 'disabled' });
    }
  });
});
