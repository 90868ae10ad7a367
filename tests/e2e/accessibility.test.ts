/**
 * axe-core on every screen, on a phone and a laptop: no serious or critical
 * violations. The document is checked with a second member present, so the
 * presence bar and a coloured caret label are part of what is checked.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcceptInviteResponse, CreateInviteResponse, CreateWorkspaceResponse } from '../../shared/api.ts';
import { LAPTOP, launchBrowser, newPerson, PHONE, type Person } from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const people: Person[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all(people.map((person) => person.context.close()));
  await browser?.close();
  await server?.stop();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe.each([
  ['phone', PHONE],
  ['laptop', LAPTOP],
])('accessibility on a %s', (_name, viewport) => {
  it(`start, join, workspace and document pages have no serious or critical axe violations at ${viewport.width} px`, { timeout: 90_000 }, async () => {
    const owner = await newPerson(browser, server.url, { viewport });
    const guest = await newPerson(browser, server.url, { viewport });
    people.push(owner, guest);

    // The start page of someone new: only the "create" form.
    await guest.page.goto('/');
    await guest.page.getByText('Je doet nog niet mee in een werkruimte op dit apparaat.').waitFor();
    expect(await seriousViolations(guest.page)).toEqual([]);

    // Set up through the API (the UI flows are covered elsewhere). Cookie-authenticated
    // changes must come from the app's own origin, as a browser's fetch would.
    const headers = { Origin: server.url };
    const created = await owner.context.request.post('/api/workspaces', {
      headers,
      data: { name: 'Zuid Doet Samen', member: { name: 'Fatima', role: 'resident' } },
    });
    expect(created.status()).toBe(201);
    const { workspaceId } = (await created.json()) as CreateWorkspaceResponse;
    const invite = await owner.context.request.post(`/api/workspaces/${workspaceId}/invites`, {
      headers,
      data: { access: 'edit' },
    });
    const { code } = (await invite.json()) as CreateInviteResponse;

    // The start page with a workspace to go on to.
    await owner.page.goto('/');
    await owner.page.getByRole('link', { name: /Zuid Doet Samen/ }).waitFor();
    expect(await seriousViolations(owner.page)).toEqual([]);

    await guest.page.goto(`/join/${code}`);
    await guest.page.getByRole('button', { name: 'Meedoen' }).waitFor();
    expect(await seriousViolations(guest.page)).toEqual([]);

    const accepted = await guest.context.request.post(`/api/invites/${code}/accept`, {
      headers,
      data: { name: 'Gert', role: 'professional' },
    });
    expect(((await accepted.json()) as AcceptInviteResponse).workspaceId).toBe(workspaceId);

    await owner.page.goto(`/w/${workspaceId}`);
    await owner.page.getByRole('link', { name: /Plan van aanpak/ }).waitFor();
    await owner.page.getByText('Gert').waitFor();
    expect(await seriousViolations(owner.page)).toEqual([]);

    await owner.page.getByRole('link', { name: /Plan van aanpak/ }).click();
    await owner.page.locator('.ProseMirror').getByText('Doel', { exact: true }).waitFor();
    const documentPath = new URL(owner.page.url()).pathname;
    await guest.page.goto(documentPath);
    await guest.page.locator('.ProseMirror').click();
    await owner.page.locator('.collaboration-carets__label', { hasText: 'Gert' }).waitFor();
    expect(await seriousViolations(owner.page)).toEqual([]);
  });
});
