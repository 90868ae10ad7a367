/**
 * The workspace around the documents, through the UI in two browsers:
 * workplaces and meetings made, renamed, archived, restored and deleted live
 * for everyone; attendees filled in with one click; a removed member is shut
 * out at once; the language switch; the example workspace.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestSession, editorText, type Person } from '../helpers/browser.ts';
import { createInvite, createWorkspace, goToNewLineAtEnd, joinWithInvite } from './flows.ts';

const session = browserTestSession();

const person = (options: { locale?: string } = {}): Promise<Person> => session.person(options);

/** The names in the list under the meeting's "Aanwezig" heading, without caret labels. */
function attendees(page: Page): Promise<string[]> {
  return page.locator('.ProseMirror').evaluate((editor) => {
    const heading = Array.from(editor.querySelectorAll('h2')).find((h) => h.textContent?.trim() === 'Aanwezig');
    const list = heading?.nextElementSibling;
    if (!list || list.tagName !== 'UL') return [];
    return Array.from(list.querySelectorAll(':scope > li')).map((item) => {
      const copy = item.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
      return copy.textContent?.trim() ?? '';
    });
  });
}

const workplacesPanel = (page: Page) => page.getByRole('region', { name: 'Werkplaatsen' });

describe('workplaces and meetings', () => {
  it('a workplace and a meeting made by one person appear live for the other; both write the notes, fill in who is present, then archive, restore and delete', { timeout: 90_000 }, async () => {
    const anna = await person();
    const bram = await person();
    const workspaceId = await createWorkspace(anna.page, 'Westenwind', { name: 'Anna', role: 'Bewoner' });
    const inviteUrl = await createInvite(anna.page, 'Kan meeschrijven');
    await joinWithInvite(bram.page, inviteUrl, { name: 'Bram', role: 'Professional' });

    // Anna adds a workplace; Bram's overview shows it without a reload.
    await anna.page.getByLabel('Naam van een nieuwe werkplaats').fill('Weisterbeek');
    await anna.page.getByRole('button', { name: 'Werkplaats toevoegen' }).click();
    await workplacesPanel(bram.page).getByRole('link', { name: 'Weisterbeek' }).waitFor();

    // Anna opens it and makes meeting notes for a date.
    await workplacesPanel(anna.page).getByRole('link', { name: 'Weisterbeek' }).click();
    await anna.page.getByRole('heading', { level: 1, name: 'Weisterbeek' }).waitFor();
    await anna.page.getByLabel('Datum van het overleg').fill('2026-11-24');
    await anna.page.getByRole('button', { name: 'Verslag maken' }).click();
    await anna.page.waitForURL(/\/d\/[A-Za-z0-9_-]+$/);
    await anna.page.getByRole('heading', { level: 1, name: 'Overleg 24 november 2026' }).waitFor();
    await anna.page.locator('.ProseMirror').getByText('Datum: dinsdag 24 november 2026').waitFor();
    const meetingPath = new URL(anna.page.url()).pathname;

    // An older meeting, made second, is listed below the newer one.
    await anna.page.getByRole('link', { name: '← Terug naar Weisterbeek' }).click();
    await anna.page.getByLabel('Datum van het overleg').fill('2026-10-01');
    await anna.page.getByLabel('Titel (mag leeg blijven)').fill('Eerste kennismaking');
    await anna.page.getByRole('button', { name: 'Verslag maken' }).click();
    await anna.page.getByRole('heading', { level: 1, name: 'Eerste kennismaking' }).waitFor();
    await anna.page.getByRole('link', { name: '← Terug naar Weisterbeek' }).click();
    const meetings = anna.page.getByRole('region', { name: 'Verslagen van overleg' }).locator('.card-link__title');
    await expect.poll(() => meetings.allTextContents()).toEqual(['Overleg 24 november 2026', 'Eerste kennismaking']);

    // Both in the meeting: "ook hier", both write, attendees in one click.
    await anna.page.goto(meetingPath);
    await bram.page.goto(meetingPath);
    for (const [page, other] of [
      [anna.page, 'Bram'],
      [bram.page, 'Anna'],
    ] as const) {
      const presence = page.getByRole('region', { name: 'Wie zijn er nu?' });
      await presence.getByText(other).waitFor();
      await expect.poll(() => presence.innerText()).toContain('ook hier');
    }
    await Promise.all([goToNewLineAtEnd(anna.page), goToNewLineAtEnd(bram.page)]);
    await Promise.all([
      anna.page.keyboard.type('Anna schrijft mee.', { delay: 10 }),
      bram.page.keyboard.type('Bram schrijft mee.', { delay: 10 }),
    ]);
    await anna.page.getByRole('button', { name: 'Aanwezigen invullen' }).click();
    await anna.page.getByText('2 namen toegevoegd bij Aanwezig.').waitFor();
    for (const p of [anna, bram]) {
      await expect.poll(() => attendees(p.page), { timeout: 10_000 }).toEqual(['Anna', 'Bram']);
      await expect.poll(() => editorText(p.page), { timeout: 10_000 }).toContain('Anna schrijft mee.');
      await expect.poll(() => editorText(p.page), { timeout: 10_000 }).toContain('Bram schrijft mee.');
    }
    await expect.poll(async () => (await editorText(anna.page)) === (await editorText(bram.page)), { timeout: 10_000 }).toBe(true);
    // A second click adds nobody twice.
    await anna.page.getByRole('button', { name: 'Aanwezigen invullen' }).click();
    await anna.page.getByText('Iedereen die hier is, staat al bij Aanwezig.').waitFor();

    // Renaming the meeting shows for Bram at once.
    await anna.page.getByRole('button', { name: 'Naam wijzigen' }).click();
    await anna.page.getByLabel('Naam van het document').fill('Overleg over de beek');
    await anna.page.getByRole('button', { name: 'Opslaan' }).click();
    await bram.page.getByRole('heading', { level: 1, name: 'Overleg over de beek' }).waitFor();

    // Archive the workplace: it leaves the list for both, and can be restored.
    await anna.page.goto(`/w/${workspaceId}`);
    await bram.page.goto(`/w/${workspaceId}`);
    await workplacesPanel(anna.page).getByRole('link', { name: 'Weisterbeek' }).click();
    await anna.page.getByRole('button', { name: 'Archiveren' }).click();
    await anna.page.getByText('Deze werkplaats is gearchiveerd.', { exact: false }).waitFor();
    await expect.poll(() => workplacesPanel(bram.page).getByRole('link', { name: 'Weisterbeek' }).count()).toBe(0);
    const archive = bram.page.getByRole('region', { name: 'Gearchiveerde werkplaatsen' });
    await archive.getByText('Weisterbeek').waitFor();
    await archive.getByRole('button', { name: 'Weisterbeek terugzetten' }).click();
    await workplacesPanel(bram.page).getByRole('link', { name: 'Weisterbeek' }).waitFor();
    await expect.poll(() => anna.page.getByText('Deze werkplaats is gearchiveerd.', { exact: false }).count()).toBe(0);

    // Delete: only after archiving, and only after saying yes.
    await anna.page.getByRole('button', { name: 'Archiveren' }).click();
    await archive.getByRole('button', { name: 'Weisterbeek verwijderen' }).click();
    await bram.page.getByRole('button', { name: 'Nee, niet doen' }).click();
    await archive.getByText('Weisterbeek').waitFor();
    await archive.getByRole('button', { name: 'Weisterbeek verwijderen' }).click();
    await bram.page.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await expect.poll(() => bram.page.getByRole('region', { name: 'Gearchiveerde werkplaatsen' }).count()).toBe(0);
    await anna.page.getByRole('heading', { level: 1, name: 'Deze werkplaats bestaat niet' }).waitFor();
  });
});

describe('plans', () => {
  it('a new plan starts from the template once, and plans can be moved up and down the list', { timeout: 60_000 }, async () => {
    const anna = await person();
    await createWorkspace(anna.page, 'Wageningen', { name: 'Anna', role: 'Bewoner' });
    await workplacesPanel(anna.page).getByRole('link', { name: 'Algemeen' }).click();
    await anna.page.getByRole('button', { name: 'Nieuw plan maken' }).click();
    await anna.page.waitForURL(/\/d\/[A-Za-z0-9_-]+$/);
    await anna.page.locator('.ProseMirror').getByText('Evaluatie', { exact: true }).waitFor();
    expect((await editorText(anna.page)).split('\n').filter((line) => line === 'Doel')).toHaveLength(1);
    await anna.page.getByRole('button', { name: 'Naam wijzigen' }).click();
    await anna.page.getByLabel('Naam van het document').fill('Tweede plan');
    await anna.page.getByRole('button', { name: 'Opslaan' }).click();
    await anna.page.getByRole('heading', { level: 1, name: 'Tweede plan' }).waitFor();
    await anna.page.getByRole('link', { name: '← Terug naar Algemeen' }).click();

    const plans = anna.page.getByRole('region', { name: 'Plannen' }).locator('.card-link__title');
    await expect.poll(() => plans.allTextContents()).toEqual(['Plan van aanpak', 'Tweede plan']);
    await anna.page.getByRole('button', { name: 'Tweede plan hoger in de lijst' }).click();
    await expect.poll(() => plans.allTextContents()).toEqual(['Tweede plan', 'Plan van aanpak']);
    await anna.page.reload();
    await expect.poll(() => plans.allTextContents(), { timeout: 10_000 }).toEqual(['Tweede plan', 'Plan van aanpak']);
  });
});

describe('members', () => {
  it('a removed member is shut out at once: the open document says so and stops reconnecting', { timeout: 60_000 }, async () => {
    const anna = await person();
    const bram = await person();
    const workspaceId = await createWorkspace(anna.page, 'Zuilen', { name: 'Anna', role: 'Bewoner' });
    const inviteUrl = await createInvite(anna.page, 'Kan meeschrijven');
    await joinWithInvite(bram.page, inviteUrl, { name: 'Bram', role: 'Anders' });
    await bram.page.getByRole('link', { name: /Plan van aanpak/ }).click();
    await bram.page.locator('.ProseMirror').getByText('Doel', { exact: true }).waitFor();

    await anna.page.goto(`/w/${workspaceId}/leden`);
    await anna.page.getByRole('button', { name: 'Bram verwijderen uit de werkruimte' }).click();
    await anna.page.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await anna.page.getByText('Bram doet niet meer mee.', { exact: false }).waitFor();

    const status = bram.page.locator('.document__header .connection');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('revoked');
    expect(await status.innerText()).toContain('je hebt geen toegang meer');
    expect(await bram.page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
    await bram.page.reload();
    await bram.page.getByRole('heading', { level: 1, name: 'Je hebt hier geen toegang' }).waitFor();
  });
});

describe('language', () => {
  it('switching to English changes every text and is remembered after a reload', { timeout: 60_000 }, async () => {
    const eva = await person();
    await createWorkspace(eva.page, 'Wageningen', { name: 'Eva', role: 'Professional' });
    await eva.page.getByRole('button', { name: 'English' }).click();
    await eva.page.getByRole('heading', { level: 2, name: 'Workplaces' }).waitFor();
    expect(await eva.page.locator('html').getAttribute('lang')).toBe('en');
    await eva.page.reload();
    await eva.page.getByRole('heading', { level: 2, name: 'Who is online now?' }).waitFor();
    await eva.page.getByRole('button', { name: 'Nederlands' }).click();
    await eva.page.getByRole('heading', { level: 2, name: 'Werkplaatsen' }).waitFor();
    expect(await eva.page.locator('html').getAttribute('lang')).toBe('nl');
  });
});

describe('example workspace', () => {
  it('a newcomer loads the Westenwind example from the start page and finds five workplaces with a plan and meeting notes each', { timeout: 60_000 }, async () => {
    const newcomer = await person();
    await newcomer.page.goto('/');
    const example = newcomer.page.getByRole('region', { name: 'Eerst rondkijken? Laad een voorbeeld' });
    await example.getByLabel('Jouw naam').fill('Nieuwkomer');
    await example.getByRole('radio', { name: 'Bewoner' }).check();
    await example.getByRole('button', { name: 'Voorbeeld laden' }).click();
    await newcomer.page.getByRole('heading', { level: 1, name: 'Westenwind (voorbeeld)' }).waitFor();
    const titles = workplacesPanel(newcomer.page).locator('h3');
    await expect.poll(() => titles.allTextContents()).toEqual([
      'Herinrichten in de wijken',
      'Wonen en Samen-Wonen',
      'Voor elkaar',
      'Weisterbeek',
      'Met Meer Mogelijkheden',
    ]);
    expect(await workplacesPanel(newcomer.page).locator('.card-link').count()).toBe(10);
    await newcomer.page.getByRole('link', { name: /Plan van aanpak: trapveldjes en vijver/ }).click();
    await newcomer.page.locator('.ProseMirror').getByText('Aanleiding', { exact: true }).waitFor();
  });
});
