/**
 * The decision and action pages on a phone (390 px) and a laptop (1280 px):
 * no serious or critical axe-core violations, and on the phone no sideways
 * scrolling. The lists hold decisions in every state (taken with a review
 * date that has come, open with an objection, rejected) and actions that are
 * overdue, done and open, made partly in the meeting notes through the UI and
 * partly by stock y-websocket clients of two members (each writing only their
 * own responses, as the server demands).
 *
 * With SAMENSPEL_SCREENSHOTS=<dir> the decision list is saved there
 * (docs/screenshots/decisions-phone.png and -laptop.png in the repository).
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AcceptInviteResponse, CreateInviteResponse, CreateWorkspaceResponse } from '../../shared/api.ts';
import { addAction, setDone } from '../../shared/schema/actions.ts';
import { addDecision, rejectDecision, respond, setReviewDate, takeDecision } from '../../shared/schema/decisions.ts';
import { actionsDocId, decisionsDocId } from '../../shared/schema/listDocuments.ts';
import { browserTestSession, LAPTOP, PHONE } from '../helpers/browser.ts';
import { connectClient } from '../helpers/collab.ts';

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

async function checkScreen(page: Page, viewport: { width: number }, screen: string, screenshotName?: string): Promise<void> {
  expect(await seriousViolations(page), `${screen} at ${viewport.width} px`).toEqual([]);
  if (viewport.width === PHONE.width) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${screen} scrolls sideways`).toBeLessThanOrEqual(viewport.width);
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

/** `YYYY-MM-DD`, `days` from today (UTC). */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe.each([
  ['phone', PHONE],
  ['laptop', LAPTOP],
])('decision and action pages on a %s', (_name, viewport) => {
  it(`pass axe and fit ${viewport.width} px`, { timeout: 150_000 }, async () => {
    const owner = await session.person({ viewport });
    const guest = await session.person({ viewport });
    const headers = { Origin: session.server.url };
    const created = await owner.context.request.post('/api/example-workspace', { headers, data: { member: { name: 'Ria Jacobs', role: 'resident' } } });
    const ria = (await created.json()) as CreateWorkspaceResponse;
    const { workspaceId } = ria;
    const invite = await owner.context.request.post(`/api/workspaces/${workspaceId}/invites`, { headers, data: { access: 'edit' } });
    const { code } = (await invite.json()) as CreateInviteResponse;
    const accepted = await guest.context.request.post(`/api/invites/${code}/accept`, { headers, data: { name: 'Sanne (Synthese)', role: 'professional' } });
    const sanne = (await accepted.json()) as AcceptInviteResponse;

    // In the meeting notes, Ria turns the decision line into a proposal and the action lines into actions.
    await owner.page.goto(`/w/${workspaceId}`);
    await owner.page.getByRole('link', { name: 'Herinrichten in de wijken' }).click();
    await owner.page.getByRole('heading', { level: 1, name: 'Herinrichten in de wijken' }).waitFor();
    const workplaceId = new URL(owner.page.url()).pathname.split('/').pop() ?? '';
    await checkScreen(owner.page, viewport, 'workplace with its lists');
    await owner.page.getByRole('link', { name: /Overleg 12 november 2026/ }).click();
    const notes = owner.page.locator('.ProseMirror');
    await notes.getByText('We vragen de gemeente om lantaarns bij de vijver.', { exact: true }).click();
    await owner.page.getByRole('button', { name: 'Maak er een besluit van' }).click();
    await notes.getByText('Jan schrijft de brief aan de gemeente', { exact: true }).click();
    await owner.page.getByRole('button', { name: 'Maak er een actie van' }).click();
    await notes.getByText('Sanne plant een afspraak met de wijkwethouder', { exact: true }).click();
    await owner.page.keyboard.press('Control+Alt+a');
    await notes.locator('.item-chip', { hasText: 'Sanne plant een afspraak' }).waitFor();
    const meetingPath = new URL(owner.page.url()).pathname;
    const meetingDocId = meetingPath.split('/').pop() ?? '';

    // More history, written by each member's own client.
    const decisionsDoc = decisionsDocId(workplaceId)!;
    const actionsDoc = actionsDocId(workplaceId)!;
    const riaDecisions = connectClient({ server: session.server, workspaceId, docId: decisionsDoc, token: ria.token });
    const riaActions = connectClient({ server: session.server, workspaceId, docId: actionsDoc, token: ria.token });
    const sanneDecisions = connectClient({ server: session.server, workspaceId, docId: decisionsDoc, token: sanne.token });
    await Promise.all([riaDecisions.synced, riaActions.synced, sanneDecisions.synced]);
    const now = new Date().toISOString();
    const d = riaDecisions.doc;
    addDecision(d, { id: 'wandeling', title: 'Elk voorjaar een wandeling langs de trapveldjes', explanation: 'Met bewoners van alle drie de wijken.', proposedBy: ria.memberId, at: now, meetingDocId });
    respond(d, 'wandeling', ria.memberId, 'eens', '', now);
    addDecision(d, { id: 'kunstgras', title: 'Kunstgras op het trapveld aan de Kerkstraat', explanation: 'Dan kan er ook na regen gespeeld worden.', proposedBy: ria.memberId, at: now });
    respond(d, 'kunstgras', ria.memberId, 'eens', '', now);
    addDecision(d, { id: 'hek', title: 'Een hek om de vijver', proposedBy: ria.memberId, at: now });
    await expect.poll(() => sanneDecisions.doc.getMap('decisions').size, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    respond(sanneDecisions.doc, 'wandeling', sanne.memberId, 'bedenkingen', 'Liefst op een zaterdagochtend.', now);
    respond(sanneDecisions.doc, 'kunstgras', sanne.memberId, 'bezwaar', 'Kunstgras wordt in de zomer erg heet.', now);
    await expect.poll(() => d.getMap('decisions').get('kunstgras') !== undefined && JSON.stringify(d.getMap('decisions').toJSON()).includes('heet'), { timeout: 10_000 }).toBe(true);
    takeDecision(d, 'wandeling', ria.memberId, now, day(-10));
    setReviewDate(d, 'wandeling', day(-1), ria.memberId, now);
    rejectDecision(d, 'hek', ria.memberId, now);
    addAction(riaActions.doc, { id: 'flyer', what: 'Flyer maken voor de wandeling', owners: [ria.memberId, sanne.memberId], due: day(-3), createdBy: ria.memberId, at: now });
    addAction(riaActions.doc, { id: 'route', what: 'Route van de wandeling uitzetten', owners: [ria.memberId], due: day(14), createdBy: ria.memberId, at: now });
    addAction(riaActions.doc, { id: 'zaal', what: 'Zaal reserveren in het buurthuis', owners: [ria.memberId], createdBy: ria.memberId, at: now });
    setDone(riaActions.doc, 'zaal', true, ria.memberId, now);

    // The guest is around, so presence shows on the pages.
    await guest.page.goto(`/w/${workspaceId}`);

    await owner.page.getByRole('region', { name: 'Samenvatting van dit overleg' }).getByText('Elk voorjaar een wandeling').waitFor();
    await checkScreen(owner.page, viewport, 'meeting notes with chips and summary');

    await owner.page.goto(`/w/${workspaceId}/p/${workplaceId}/besluiten`);
    await owner.page.getByText('Kunstgras wordt', { exact: false }).or(owner.page.getByText('Bezwaar (1):')).first().waitFor();
    await owner.page.getByRole('heading', { name: 'Verworpen (1)' }).waitFor();
    await owner.page.getByText(/tijd om te herzien/).waitFor();
    await checkScreen(owner.page, viewport, 'decision list', 'decisions');

    await owner.page.getByRole('link', { name: 'Kunstgras op het trapveld aan de Kerkstraat' }).click();
    await owner.page.getByText('Kunstgras wordt in de zomer erg heet.').waitFor();
    await owner.page.getByRole('button', { name: 'Besluit nemen' }).waitFor();
    await checkScreen(owner.page, viewport, 'decision with an objection');
    await owner.page.getByRole('button', { name: 'Voorstel aanpassen' }).click();
    await owner.page.getByRole('textbox', { name: 'Toelichting' }).waitFor();
    await checkScreen(owner.page, viewport, 'changing a proposal');
    await owner.page.getByRole('button', { name: 'Klaar met aanpassen' }).click();

    await owner.page.goto(`/w/${workspaceId}/p/${workplaceId}/acties`);
    await owner.page.locator('.action-item--overdue', { hasText: 'Flyer maken' }).getByText('Te laat').waitFor();
    await owner.page.getByRole('button', { name: 'Wijzig actie: Route van de wandeling uitzetten' }).click();
    await checkScreen(owner.page, viewport, 'action list, one being changed');

    await owner.page.goto(`/w/${workspaceId}/besluiten`);
    await owner.page.getByText('4 besluiten').waitFor();
    await owner.page.getByLabel('Alleen besluiten die nu herzien moeten worden').check();
    await owner.page.getByText('1 besluit', { exact: true }).waitFor();
    await checkScreen(owner.page, viewport, 'all decisions, filtered');
    await owner.page.getByLabel('Alleen besluiten die nu herzien moeten worden').uncheck();
    await owner.page.getByLabel('Alleen voorstellen waar ik nog niet op heb gereageerd').check();
    await owner.page.getByText('1 besluit', { exact: true }).waitFor();
    await owner.page.locator('.decision-card', { hasText: 'We vragen de gemeente om lantaarns' }).waitFor();

    await owner.page.goto(`/w/${workspaceId}/mijn-acties`);
    await owner.page.locator('.action-item', { hasText: 'Zaal reserveren' }).waitFor();
    await checkScreen(owner.page, viewport, 'my actions');

    for (const client of [riaDecisions, riaActions, sanneDecisions]) {
      expect(client.closes, 'the server refused a write of the seeding clients').toEqual([]);
      client.destroy();
    }
  });
});
