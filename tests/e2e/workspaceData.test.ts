/**
 * The members page's data part, in real Chromium: download my data, export
 * everything as a zip and read it back in as a new workspace, remove a member
 * (their name becomes "oud-lid" also in "changed by" on the overview), leave,
 * and delete the workspace after being offered the export first. Axe-clean at
 * 390 px and 1280 px, in Dutch and English. With SAMENSPEL_SCREENSHOTS=<dir>
 * the page and the delete confirmation are saved there.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestSession, LAPTOP, PHONE } from '../helpers/browser.ts';
import { createInvite, createWorkspace, goToNewLineAtEnd, joinWithInvite, openPlan } from './flows.ts';

const session = browserTestSession();
const screenshotDir = process.env.SAMENSPEL_SCREENSHOTS;

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function look(page: Page, name: string, width: number): Promise<void> {
  expect(await seriousViolations(page), name).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} scrolls sideways`).toBeLessThanOrEqual(width);
  if (screenshotDir) {
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${width}.png`), fullPage: true, animations: 'disabled' });
  }
}

/** Clicks a download link and returns the saved file's name and bytes. */
async function download(page: Page, linkName: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(saved) };
}

describe.each([
  ['phone', PHONE],
  ['laptop', LAPTOP],
])('taking data along and erasing it, on a %s', (_name, viewport) => {
  it('download my data, export and import, remove with anonymisation, leave, delete after the export offer', { timeout: 180_000 }, async () => {
    const anna = await session.person({ viewport });
    const bram = await session.person({ viewport });
    const carla = await session.person({ viewport });
    const workspaceId = await createWorkspace(anna.page, 'Kracht van Zuilen', { name: 'Anna', role: 'Bewoner' });
    const inviteUrl = await createInvite(anna.page, 'Kan meeschrijven');
    await joinWithInvite(bram.page, inviteUrl, { name: 'Bram Uniek', role: 'Anders' });
    await joinWithInvite(carla.page, inviteUrl, { name: 'Carla', role: 'Professional' });

    // Bram writes in the plan, so the overview says the plan was changed "door Bram Uniek".
    await openPlan(bram.page);
    await goToNewLineAtEnd(bram.page);
    await bram.page.keyboard.type('Buurtkamer open op woensdag');
    await anna.page.goto(`/w/${workspaceId}`);
    await anna.page.getByText(/door Bram Uniek/).waitFor();

    await anna.page.goto(`/w/${workspaceId}/leden`);
    const panel = anna.page.getByRole('region', { name: 'Gegevens meenemen of wissen' });
    await panel.getByRole('link', { name: 'Exporteer alles (zip)' }).waitFor();
    await look(anna.page, 'members-data', viewport.width);

    // My data, as JSON.
    const mine = await download(anna.page, 'Download mijn gegevens');
    expect(mine.name).toMatch(/^samenspel-kracht-van-zuilen-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
    expect((JSON.parse(mine.bytes.toString()) as { member: { name: string } }).member.name).toBe('Anna');

    // Everything, as a zip of plausible size.
    const zip = await download(anna.page, 'Exporteer alles (zip)');
    expect(zip.name).toMatch(/^samenspel-kracht-van-zuilen-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(zip.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(zip.bytes.byteLength).toBeGreaterThan(1000);

    // Remove Bram: he becomes "oud-lid", also as the one who changed the plan.
    await anna.page.getByRole('button', { name: 'Bram Uniek verwijderen uit de werkruimte' }).click();
    await anna.page.getByText('Bij de tekst van Bram Uniek staat dan "oud-lid".', { exact: false }).waitFor();
    await anna.page.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await anna.page.getByText('Bram Uniek doet niet meer mee.', { exact: false }).waitFor();
    await anna.page.getByRole('link', { name: /^← Terug naar/ }).click();
    await anna.page.getByText(/door oud-lid \(anders\)/).waitFor();
    expect(await anna.page.getByText('Bram Uniek').count()).toBe(0);

    // Carla leaves and lands on the start page.
    await carla.page.goto(`/w/${workspaceId}/leden`);
    await carla.page.getByRole('button', { name: 'Verlaat deze werkruimte' }).click();
    await carla.page.getByRole('button', { name: 'Ja, ik stop' }).click();
    await carla.page.waitForURL((url) => url.pathname === '/');
    expect((await carla.context.request.get(`/api/workspaces/${workspaceId}`)).status()).toBe(401);

    // Import the export: a new workspace, with Anna in it.
    await anna.page.goto(`/w/${workspaceId}/leden`);
    await anna.page.getByLabel('Importeer een export').setInputFiles({ name: zip.name, mimeType: 'application/zip', buffer: zip.bytes });
    await anna.page.getByRole('button', { name: 'Inlezen als nieuwe werkruimte' }).click();
    await anna.page.waitForURL((url) => /^\/w\/[A-Za-z0-9_-]+$/.test(url.pathname) && !url.pathname.endsWith(workspaceId));
    await anna.page.getByRole('heading', { level: 1, name: 'Kracht van Zuilen' }).waitFor();
    const importedId = new URL(anna.page.url()).pathname.split('/')[2]!;

    // A bad file gets a readable message and creates nothing.
    await anna.page.goto(`/w/${importedId}/leden`);
    await anna.page.getByLabel('Importeer een export').setInputFiles({ name: 'plan.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('geen zip') });
    await anna.page.getByRole('button', { name: 'Inlezen als nieuwe werkruimte' }).click();
    await anna.page.getByText('Dit is geen leesbaar zip-bestand.', { exact: false }).waitFor();

    // Delete the original: the confirmation offers the export first.
    await anna.page.goto(`/w/${workspaceId}/leden`);
    await anna.page.getByRole('button', { name: 'Verwijder deze werkruimte' }).click();
    await anna.page.getByRole('link', { name: 'Eerst exporteren (zip)' }).waitFor();
    await look(anna.page, 'members-delete-confirm', viewport.width);
    await anna.page.getByRole('button', { name: 'Ja, verwijder voorgoed' }).click();
    await anna.page.waitForURL((url) => url.pathname === '/');
    expect((await anna.context.request.get(`/api/workspaces/${workspaceId}`)).status()).toBe(401);
    expect((await anna.context.request.get(`/api/workspaces/${importedId}`)).status()).toBe(200);
  });
});

describe('moving to another server', () => {
  it('someone with no workspace here reads an export in from the start page and lands in it', { timeout: 60_000 }, async () => {
    const owner = await session.person({ viewport: PHONE });
    const created = await owner.context.request.post('/api/workspaces', {
      headers: { Origin: session.server.url },
      data: { name: 'De Heeze actieteam', member: { name: 'Joke', role: 'resident' } },
    });
    const { workspaceId } = (await created.json()) as { workspaceId: string };
    const zip = await (await owner.context.request.get(`/api/workspaces/${workspaceId}/export`)).body();

    const mover = await session.person({ viewport: PHONE });
    await mover.page.goto('/');
    const panel = mover.page.getByRole('region', { name: 'Een export inlezen' });
    await panel.getByRole('button', { name: 'Inlezen als nieuwe werkruimte' }).click();
    await panel.getByText('Kies eerst een zip-bestand.').waitFor();
    await panel.getByLabel('Het zip-bestand').setInputFiles({ name: 'export.zip', mimeType: 'application/zip', buffer: zip });
    await panel.getByLabel('Jouw naam').fill('Joke');
    await panel.getByRole('radio', { name: 'Bewoner' }).check();
    await look(mover.page, 'start-import', PHONE.width);
    await panel.getByRole('button', { name: 'Inlezen als nieuwe werkruimte' }).click();
    await mover.page.waitForURL((url) => /^\/w\/[A-Za-z0-9_-]+$/.test(url.pathname) && !url.pathname.endsWith(workspaceId));
    await mover.page.getByRole('heading', { level: 1, name: 'De Heeze actieteam' }).waitFor();
  });
});

describe('in English', () => {
  it('the same part reads in English and passes axe', { timeout: 60_000 }, async () => {
    const person = await session.person({ viewport: PHONE });
    const created = await person.context.request.post('/api/workspaces', {
      headers: { Origin: session.server.url },
      data: { name: 'Voorst', member: { name: 'Gerrit', role: 'resident' } },
    });
    const { workspaceId } = (await created.json()) as { workspaceId: string };
    await person.page.goto(`/w/${workspaceId}/leden`);
    await person.page.getByRole('button', { name: 'English' }).click();
    const panel = person.page.getByRole('region', { name: 'Take your data along or erase it' });
    await panel.getByRole('link', { name: 'Download my data' }).waitFor();
    await panel.getByRole('link', { name: 'Export everything (zip)' }).waitFor();
    await panel.getByRole('button', { name: 'Delete this workspace' }).click();
    await panel.getByRole('link', { name: 'Export first (zip)' }).waitFor();
    await look(person.page, 'members-data-en', PHONE.width);
  });
});
