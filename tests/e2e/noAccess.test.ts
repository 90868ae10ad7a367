/**
 * Links travel (mail, WhatsApp): someone who is not a member and opens one must
 * get a friendly explanation, not an error or an empty editor.
 */
import { describe, expect, it } from 'vitest';
import { browserTestSession } from '../helpers/browser.ts';
import { createWorkspace, openPlan } from './flows.ts';

const session = browserTestSession();

describe('links for people who are not members', () => {
  it('someone who is not a member and opens a workspace or document link is told to ask for an invite', { timeout: 60_000 }, async () => {
    const member = await session.person();
    const stranger = await session.person();
    await createWorkspace(member.page, 'De Heeze', { name: 'Ellen', role: 'Professional' });
    const workspaceUrl = member.page.url();
    await openPlan(member.page);
    const documentUrl = member.page.url();

    for (const url of [workspaceUrl, documentUrl]) {
      await stranger.page.goto(url);
      await stranger.page.getByRole('heading', { level: 1, name: 'Je hebt hier geen toegang' }).waitFor();
      expect(await stranger.page.getByText('Vraag iemand uit de werkruimte om een uitnodigingslink.').count()).toBe(1);
      expect(await stranger.page.locator('.ProseMirror').count()).toBe(0);
    }
  });

  it('an unknown or revoked invite link says so and asks for a new link', async () => {
    const stranger = await session.person();
    await stranger.page.goto('/join/bestaat-niet');
    await stranger.page.getByRole('heading', { level: 1, name: 'Deze uitnodiging werkt niet' }).waitFor();
  });
});
