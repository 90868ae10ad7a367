/**
 * Deciding together in a meeting, in three browsers (three contexts on one
 * server) plus a view-only reader: a proposal made from the meeting notes
 * reaches everyone's decision list and notes at once, two people respond, one
 * objects, the proposal is changed (which asks everyone again), the decision
 * is taken, and the live chip in the notes shows it. An action with two
 * owners shows in both owners' "mijn acties"; the reader sees it all but
 * cannot respond.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AcceptInviteResponse, CreateInviteResponse, CreateWorkspaceResponse } from '../../shared/api.ts';
import { browserTestSession, PHONE, type Person } from '../helpers/browser.ts';

const session = browserTestSession();
const POLL = { timeout: 15_000 } as const;

/** Cookie-authenticated API calls must come from the app's own origin, as a browser's fetch would. */
function originHeader(): Record<string, string> {
  return { Origin: session.server.url };
}

async function founder(person: Person, workspace: string, name: string): Promise<CreateWorkspaceResponse> {
  const response = await person.context.request.post('/api/workspaces', {
    headers: originHeader(),
    data: { name: workspace, member: { name, role: 'resident' } },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as CreateWorkspaceResponse;
}

async function joins(owner: Person, person: Person, workspaceId: string, access: 'edit' | 'view', name: string, role: string): Promise<void> {
  const invite = await owner.context.request.post(`/api/workspaces/${workspaceId}/invites`, { headers: originHeader(), data: { access } });
  const { code } = (await invite.json()) as CreateInviteResponse;
  const accepted = await person.context.request.post(`/api/invites/${code}/accept`, { headers: originHeader(), data: { name, role } });
  expect(((await accepted.json()) as AcceptInviteResponse).access).toBe(access);
}

/** The chip of a decision or action in the notes, by (part of) its title. */
function chip(page: Page, kind: 'Besluit' | 'Actie', title: string) {
  return page.locator('.ProseMirror .item-chip').filter({ hasText: `${kind}:` }).filter({ hasText: title });
}

/** Clicks at the end of the first line under a heading of the meeting notes (empty in the template). */
async function clickLineUnder(page: Page, heading: 'Besproken' | 'Besluiten' | 'Acties'): Promise<void> {
  const block = page.locator(`.ProseMirror h2:text-is("${heading}") + *`).first();
  const line = (await block.evaluate((element) => element.tagName)) === 'P' ? block : block.locator('p').first();
  await line.click();
  await page.keyboard.press('End');
}

async function respond(page: Page, kind: 'Eens' | 'Eens met bedenkingen' | 'Bezwaar', note?: string): Promise<void> {
  const form = page.getByRole('region', { name: 'Instemming' });
  await form.getByRole('group', { name: 'Wat vind je van dit voorstel?' }).getByText(kind, { exact: true }).click();
  if (note !== undefined) {
    const label = kind === 'Bezwaar' ? 'Waarom heb je bezwaar?' : 'Wat is je bedenking?';
    await form.getByLabel(label).fill(note);
  }
  await form.getByRole('button', { name: /^Reactie (geven|opslaan)$/ }).click();
  await form.getByRole('button', { name: 'Reactie veranderen' }).waitFor();
}

/** Presses a download button and returns the file's name and text. */
async function downloadedText(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(file, 'utf8') };
}

describe('deciding together by consent', () => {
  it('three people decide in a meeting; the notes, the lists and "mijn acties" agree; a reader cannot respond', { timeout: 180_000 }, async () => {
    const [anna, bert, carla, reader] = await Promise.all([
      session.person(),
      session.person(),
      session.person({ viewport: PHONE }),
      session.person(),
    ]);
    const { workspaceId } = await founder(anna, 'Westenwind', 'Anna (bewoner)');
    await Promise.all([
      joins(anna, bert, workspaceId, 'edit', 'Bert (Synthese)', 'professional'),
      joins(anna, carla, workspaceId, 'edit', 'Carla (bewoner)', 'resident'),
      joins(anna, reader, workspaceId, 'view', 'Gemeente Horst', 'other'),
    ]);

    // Anna opens the first workplace and starts the meeting notes; the others follow the link.
    await anna.page.goto(`/w/${workspaceId}`);
    await anna.page.getByRole('link', { name: 'Algemeen' }).click();
    await anna.page.getByRole('heading', { level: 1, name: 'Algemeen' }).waitFor();
    const workplacePath = new URL(anna.page.url()).pathname;
    await anna.page.getByRole('button', { name: 'Verslag maken' }).click();
    await anna.page.locator('.ProseMirror').getByText('Besluiten', { exact: true }).waitFor();
    const meetingPath = new URL(anna.page.url()).pathname;
    await Promise.all(
      [bert, carla, reader].map(async ({ page }) => {
        await page.goto(meetingPath);
        await page.locator('.ProseMirror').getByText('Besluiten', { exact: true }).waitFor();
      }),
    );

    // Anna proposes a decision by typing "/besluit" in the notes.
    await clickLineUnder(anna.page, 'Besluiten');
    await anna.page.keyboard.type('/besluit We openen het trapveld op zaterdag voor iedereen');
    await anna.page.keyboard.press('Enter');
    await anna.page.getByRole('status').filter({ hasText: 'staat nu in de besluitenlijst' }).waitFor();
    for (const { page } of [anna, bert, carla, reader]) {
      await chip(page, 'Besluit', 'We openen het trapveld op zaterdag').filter({ hasText: 'Voorstel' }).waitFor();
    }
    expect(await anna.page.locator('.ProseMirror').innerText()).not.toContain('/besluit');
    // Enter then went on as usual: a new, empty item under "Besluiten" holds the caret.
    await expect.poll(() => anna.page.locator('.ProseMirror h2:text-is("Besluiten") + ul > li').count(), POLL).toBe(2);

    // Bert writes an action and uses the button; Carla writes one and uses the shortcut.
    await clickLineUnder(bert.page, 'Acties');
    await bert.page.keyboard.type('Bewonersbrief schrijven');
    await bert.page.getByRole('button', { name: 'Maak er een actie van' }).click();
    await chip(carla.page, 'Actie', 'Bewonersbrief schrijven').waitFor();
    await clickLineUnder(carla.page, 'Besproken');
    await carla.page.keyboard.type('Subsidie aanvragen bij het wijkfonds');
    await carla.page.keyboard.press('Control+Alt+a');
    await chip(anna.page, 'Actie', 'Subsidie aanvragen bij het wijkfonds').waitFor();

    // The summary under the notes has all three; Anna gives the letter two owners there.
    const summary = anna.page.getByRole('region', { name: 'Samenvatting van dit overleg' });
    await summary.getByRole('heading', { name: 'Besluiten (1)' }).waitFor();
    await summary.getByRole('heading', { name: 'Acties (2)' }).waitFor();
    await summary.getByRole('button', { name: 'Wijzig actie: Bewonersbrief schrijven' }).click();
    await summary.getByRole('checkbox', { name: 'Bert (Synthese)' }).check();
    await summary.getByRole('checkbox', { name: 'Carla (bewoner)' }).check();
    await summary.getByRole('button', { name: 'Opslaan' }).click();
    await chip(bert.page, 'Actie', 'Bewonersbrief schrijven').filter({ hasText: 'Bert (Synthese), Carla (bewoner)' }).waitFor();

    // Bert follows the chip to the decision and agrees.
    await chip(bert.page, 'Besluit', 'trapveld').getByRole('link').click();
    await bert.page.getByRole('heading', { level: 1, name: 'We openen het trapveld op zaterdag voor iedereen' }).waitFor();
    await respond(bert.page, 'Eens');

    // Carla finds it in the workplace's decision list, sees Bert's answer, and objects.
    await carla.page.goto(workplacePath);
    await carla.page.getByRole('link', { name: /Besluitenlijst/ }).click();
    const card = carla.page.locator('.decision-card', { hasText: 'We openen het trapveld op zaterdag' });
    await card.getByText('Eens (1):').waitFor();
    await card.getByRole('link', { name: /trapveld/ }).click();
    await respond(carla.page, 'Bezwaar', 'Zaterdag is er markt op het plein; dan is het te druk.');

    // Anna cannot take the decision while the objection is open, and is told why.
    await anna.page.goto(new URL(bert.page.url()).pathname);
    const take = anna.page.getByRole('button', { name: 'Besluit nemen' });
    await anna.page.getByText('Zaterdag is er markt op het plein').waitFor();
    await expect.poll(() => take.isDisabled(), POLL).toBe(true);
    const reasonId = await take.getAttribute('aria-describedby');
    expect(await anna.page.locator(`[id="${reasonId}"]`).innerText()).toContain('open bezwaar van Carla (bewoner)');

    // The answer to the objection: Anna changes the proposal, which asks everyone again.
    await anna.page.getByRole('button', { name: 'Voorstel aanpassen' }).click();
    await anna.page.getByLabel('Wat stel je voor? (korte titel)').fill('We openen het trapveld op zondagmiddag voor iedereen');
    await anna.page.getByRole('textbox', { name: 'Toelichting' }).click();
    await anna.page.getByRole('button', { name: 'Vet' }).click();
    await anna.page.keyboard.type('Op zondag is er geen markt.');
    await anna.page.getByRole('button', { name: 'Klaar met aanpassen' }).click();
    await anna.page.getByText('Ronde 2.', { exact: false }).waitFor();
    const consent = anna.page.getByRole('region', { name: 'Instemming' });
    await consent.getByText('Nog niet gereageerd (3):').waitFor();
    expect(await consent.getByText('Zaterdag is er markt').count()).toBe(0);

    // Round 2: Carla objects once more, withdraws it herself, then agrees with a concern; Bert agrees.
    await carla.page.getByRole('heading', { level: 1, name: /zondagmiddag/ }).waitFor();
    await carla.page.locator('.explanation strong', { hasText: 'Op zondag is er geen markt.' }).waitFor();
    await respond(carla.page, 'Bezwaar', 'Nog één vraag: wie ruimt op?');
    await carla.page.getByRole('button', { name: 'Mijn bezwaar intrekken' }).click();
    await carla.page.getByText('Bezwaar ingetrokken (1):').waitFor();
    await carla.page.getByRole('button', { name: 'Reactie veranderen' }).click();
    await respond(carla.page, 'Eens met bedenkingen', 'Graag de buren vooraf een brief sturen.');
    await bert.page.getByRole('heading', { level: 1, name: /zondagmiddag/ }).waitFor();
    await respond(bert.page, 'Eens');

    // Now the decision can be taken.
    await expect.poll(() => take.isDisabled(), POLL).toBe(false);
    await take.click();
    await anna.page.locator('.page-header .status-badge', { hasText: 'Genomen' }).waitFor();

    // Who does what for this decision: an action made on the decision's page goes to the action list.
    const decisionActions = anna.page.getByRole('region', { name: /^Wie doet wat\?/ });
    await decisionActions.getByRole('button', { name: 'Nieuwe actie' }).click();
    await decisionActions.getByLabel('Wat moet er gebeuren?').fill('Buren een brief sturen over zondag');
    await decisionActions.getByRole('checkbox', { name: 'Carla (bewoner)' }).check();
    await decisionActions.getByRole('button', { name: 'Actie toevoegen' }).click();
    await decisionActions.locator('.action-item', { hasText: 'Buren een brief sturen over zondag' }).waitFor();

    // The view-only reader sees the decision with everyone's answers, but has nothing to press.
    await reader.page.goto(new URL(anna.page.url()).pathname);
    await reader.page.locator('.page-header .status-badge', { hasText: 'Genomen' }).waitFor();
    await reader.page.getByText('Graag de buren vooraf een brief sturen.').waitFor();
    await reader.page.getByText('Je kunt meelezen, maar niet reageren.').waitFor();
    expect(await reader.page.getByRole('radio').count()).toBe(0);
    expect(await reader.page.getByRole('button', { name: /Besluit nemen|Reactie|Voorstel aanpassen|Opnieuw bespreken/ }).count()).toBe(0);

    // Back in the notes, the chip shows the new title and status for everyone.
    for (const person of [bert, reader]) {
      await person.page.goto(meetingPath);
      await chip(person.page, 'Besluit', 'zondagmiddag').filter({ hasText: 'Genomen' }).waitFor();
    }
    await carla.page.goto(meetingPath);
    await chip(carla.page, 'Besluit', 'zondagmiddag').filter({ hasText: 'Genomen' }).waitFor();
    await carla.page.getByRole('region', { name: 'Samenvatting van dit overleg' }).locator('.status-badge', { hasText: 'Genomen' }).waitFor();

    // An action's chip leads to that action in the workplace's action list.
    await chip(carla.page, 'Actie', 'Subsidie aanvragen').getByRole('link').click();
    await carla.page.getByRole('heading', { level: 1, name: 'Actielijst' }).waitFor();
    await expect
      .poll(() => carla.page.evaluate(() => document.activeElement?.closest('.action-item')?.textContent ?? ''), POLL)
      .toContain('Subsidie aanvragen bij het wijkfonds');

    // The action with two owners is in both owners' "mijn acties", and not in Anna's.
    for (const person of [bert, carla]) {
      await person.page.goto(`/w/${workspaceId}`);
      await person.page.getByRole('link', { name: 'Mijn acties' }).click();
      await person.page.getByRole('heading', { level: 1, name: 'Mijn acties' }).waitFor();
      await person.page.locator('.action-item', { hasText: 'Bewonersbrief schrijven' }).waitFor();
      expect(await person.page.locator('.action-item', { hasText: 'Subsidie aanvragen' }).count()).toBe(0);
    }
    await carla.page.locator('.action-item', { hasText: 'Buren een brief sturen over zondag' }).waitFor();
    await anna.page.goto(`/w/${workspaceId}/mijn-acties`);
    await anna.page.getByText('Je hebt nog geen acties.', { exact: false }).waitFor();

    // Bert marks it done from his own list; the reader cannot tick it.
    await bert.page.getByRole('checkbox', { name: 'Klaar: Bewonersbrief schrijven' }).check();
    await reader.page.goto(`${workplacePath}/acties`);
    const readerItem = reader.page.locator('.action-item', { hasText: 'Bewonersbrief schrijven' });
    await readerItem.getByText('Klaar', { exact: true }).first().waitFor();
    await expect.poll(() => readerItem.getByRole('checkbox').isChecked(), POLL).toBe(true);
    expect(await readerItem.getByRole('checkbox').isDisabled()).toBe(true);

    // The decision list downloads as CSV (for Excel) and Markdown, with status and consent.
    await reader.page.goto(`${workplacePath}/besluiten`);
    await reader.page.locator('.decision-card', { hasText: 'zondagmiddag' }).waitFor();
    const csv = await downloadedText(reader.page, 'Download voor Excel (CSV)');
    expect(csv.name).toMatch(/^besluitenlijst-algemeen-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text).toContain('We openen het trapveld op zondagmiddag voor iedereen');
    expect(csv.text).toContain('Genomen');
    expect(csv.text).toContain('Graag de buren vooraf een brief sturen.');
    const markdown = await downloadedText(reader.page, 'Download als tekst (Markdown)');
    expect(markdown.name).toMatch(/\.md$/);
    expect(markdown.text).toContain('We openen het trapveld op zondagmiddag voor iedereen');
    expect(markdown.text).toContain('**Genomen**');
    expect(markdown.text).toContain('Graag de buren vooraf een brief sturen.');
  });
});
