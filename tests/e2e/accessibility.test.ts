/**
 * Every screen, on a phone (390 px) and a laptop (1280 px): no serious or
 * critical axe-core violations, and on the phone no horizontal scrolling (the
 * full-page screenshot is exactly as wide as the screen). Documents are checked
 * with a second member present, so presence and coloured caret labels count.
 *
 * With SAMENSPEL_SCREENSHOTS=<dir> the overview and a plan being co-edited are
 * saved there (docs/screenshots/ in the repository).
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AcceptInviteResponse, CreateInviteResponse, CreateWorkspaceResponse } from '../../shared/api.ts';
import { browserTestSession, LAPTOP, PHONE } from '../helpers/browser.ts';

const session = browserTestSession();
const screenshotDir = process.env.SAMENSPEL_SCREENSHOTS;

beforeAll(() => {
  if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Width of a PNG in pixels (bytes 16-19 of its IHDR chunk). */
function pngWidth(png: Buffer): number {
  return png.readUInt32BE(16);
}

async function checkScreen(page: Page, viewport: { width: number }, screen: string, screenshotName?: string): Promise<void> {
  expect(await seriousViolations(page), `${screen} at ${viewport.width} px`).toEqual([]);
  const screenshot = await page.screenshot({ fullPage: true, animations: 'disabled' });
  if (viewport.width === PHONE.width) {
    expect(pngWidth(screenshot), `${screen} scrolls sideways at ${viewport.width} px`).toBe(viewport.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), screen).toBeLessThanOrEqual(viewport.width);
  }
  if (screenshotDir && screenshotName) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({
      path: path.join(screenshotDir, `${screenshotName}-${viewport.width === PHONE.width ? 'phone' : 'laptop'}.png`),
      fullPage: true,
      animations: 'disabled',
    });
  }
}

describe.each([
  ['phone', PHONE],
  ['laptop', LAPTOP],
])('every screen on a %s', (_name, viewport) => {
  it(`start, join, overview, workplace, plan, meeting and members pages pass axe and fit ${viewport.width} px`, { timeout: 120_000 }, async () => {
    const owner = await session.person({ viewport });
    const guest = await session.person({ viewport });

    // The start page of someone new: the example and the "create" form.
    await guest.page.goto('/');
    await guest.page.getByText('Je doet nog niet mee in een werkruimte op dit apparaat.').waitFor();
    await checkScreen(guest.page, viewport, 'start (first run)');

    // Set up through the API (the UI flows are covered elsewhere). Cookie-authenticated
    // changes must come from the app's own origin, as a browser's fetch would.
    const headers = { Origin: session.server.url };
    const created = await owner.context.request.post('/api/example-workspace', {
      headers,
      data: { member: { name: 'Ria Jacobs', role: 'resident' } },
    });
    expect(created.status()).toBe(201);
    const { workspaceId } = (await created.json()) as CreateWorkspaceResponse;
    const invite = await owner.context.request.post(`/api/workspaces/${workspaceId}/invites`, { headers, data: { access: 'edit' } });
    const { code } = (await invite.json()) as CreateInviteResponse;

    await owner.page.goto('/');
    await owner.page.getByRole('link', { name: /Westenwind/ }).waitFor();
    await checkScreen(owner.page, viewport, 'start (with a workspace)');

    await guest.page.goto(`/join/${code}`);
    await guest.page.getByRole('button', { name: 'Meedoen' }).waitFor();
    await checkScreen(guest.page, viewport, 'join');
    const accepted = await guest.context.request.post(`/api/invites/${code}/accept`, {
      headers,
      data: { name: 'Sanne (Synthese)', role: 'professional' },
    });
    expect(((await accepted.json()) as AcceptInviteResponse).workspaceId).toBe(workspaceId);

    // The guest is in the workspace, so the owner sees someone online.
    await guest.page.goto(`/w/${workspaceId}`);
    await owner.page.goto(`/w/${workspaceId}`);
    await owner.page.getByRole('link', { name: /Plan van aanpak: trapveldjes en vijver/ }).waitFor();
    await owner.page.getByRole('region', { name: 'Wie is er nu online?' }).getByText('Sanne (Synthese)').waitFor();
    await checkScreen(owner.page, viewport, 'overview', 'overview');

    await owner.page.getByRole('link', { name: 'Herinrichten in de wijken' }).click();
    await owner.page.getByRole('heading', { level: 1, name: 'Herinrichten in de wijken' }).waitFor();
    await checkScreen(owner.page, viewport, 'workplace');

    // A plan being co-edited: the guest writes, the owner sees the caret and the presence bar.
    await owner.page.getByRole('link', { name: /Plan van aanpak: trapveldjes en vijver/ }).click();
    await owner.page.locator('.ProseMirror').getByText('Doel', { exact: true }).waitFor();
    const planPath = new URL(owner.page.url()).pathname;
    await guest.page.goto(planPath);
    const lastLine = guest.page.locator('.ProseMirror > p').filter({ hasText: 'Na een jaar vragen we de buurt' });
    await lastLine.click();
    await guest.page.keyboard.press('Control+End'); // it is the last line of the plan
    await guest.page.keyboard.type(' We delen de uitkomst in de wijkkrant.');
    await owner.page.locator('.collaboration-carets__label', { hasText: 'Sanne (Synthese)' }).waitFor();
    await owner.page.getByText('We delen de uitkomst in de wijkkrant.').waitFor();
    await owner.page.locator('.ProseMirror').getByText('Aanpak', { exact: true }).click();
    await guest.page.locator('.collaboration-carets__label', { hasText: 'Ria Jacobs' }).waitFor();
    await expect.poll(() => owner.page.locator('.document__header .connection').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
    await checkScreen(owner.page, viewport, 'plan being co-edited', 'plan-coediting');

    await owner.page.goto(`/w/${workspaceId}`);
    await owner.page.getByRole('link', { name: 'Overleg 12 november 2026' }).click();
    await owner.page.locator('.ProseMirror').getByText('Besluiten', { exact: true }).waitFor();
    await checkScreen(owner.page, viewport, 'meeting notes');

    await owner.page.goto(`/w/${workspaceId}/leden`);
    await owner.page.getByRole('heading', { level: 1, name: 'Deelnemers' }).waitFor();
    await owner.page.getByRole('button', { name: 'Link maken' }).click();
    await owner.page.getByLabel('Uitnodigingslink (Kan meeschrijven)').waitFor();
    await checkScreen(owner.page, viewport, 'members');
  });
});
