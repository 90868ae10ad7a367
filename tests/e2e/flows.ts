/**
 * What people do in the app, step by step through the UI, found the way a
 * person (or a screen reader) finds things: by visible labels and roles.
 * Dutch is the default language, so these are the Dutch labels.
 */
import type { Page } from 'playwright-core';

export type RoleLabel = 'Bewoner' | 'Professional' | 'Anders';
export type AccessLabel = 'Kan meeschrijven' | 'Kan alleen lezen';

export interface PersonDetails {
  name: string;
  role: RoleLabel;
}

/** On the start page: creates a workspace and returns its id (from the URL it lands on). */
export async function createWorkspace(page: Page, workspaceName: string, me: PersonDetails): Promise<string> {
  await page.goto('/');
  const form = page.getByRole('region', { name: 'Nieuwe werkruimte maken' });
  await form.getByLabel('Naam van de werkruimte').fill(workspaceName);
  await form.getByLabel('Jouw naam').fill(me.name);
  await form.getByRole('radio', { name: me.role }).check();
  await form.getByRole('button', { name: 'Werkruimte maken' }).click();
  await page.waitForURL(/\/w\/[A-Za-z0-9_-]+$/);
  await page.getByRole('heading', { level: 1, name: workspaceName }).waitFor();
  return new URL(page.url()).pathname.split('/')[2] ?? '';
}

/**
 * From the workspace overview: opens "Deelnemers en uitnodigen", makes an
 * invite link with the given access, goes back to the overview and returns the link.
 */
export async function createInvite(page: Page, access: AccessLabel): Promise<string> {
  await page.getByRole('link', { name: 'Deelnemers en uitnodigen' }).click();
  const panel = page.getByRole('region', { name: 'Uitnodigen' });
  await panel.getByRole('radio', { name: access }).check();
  await panel.getByRole('button', { name: 'Link maken' }).click();
  const link = panel.getByLabel(`Uitnodigingslink (${access})`);
  await link.waitFor();
  const url = await link.inputValue();
  await page.getByRole('link', { name: /^← Terug naar/ }).click();
  await page.waitForURL(/\/w\/[A-Za-z0-9_-]+$/);
  return url;
}

/** Opens an invite link and joins; ends on the workspace overview. */
export async function joinWithInvite(page: Page, inviteUrl: string, me: PersonDetails): Promise<void> {
  await page.goto(inviteUrl);
  await page.getByRole('heading', { level: 1, name: 'Uitnodiging' }).waitFor();
  await page.getByLabel('Jouw naam').fill(me.name);
  await page.getByRole('radio', { name: me.role }).check();
  await page.getByRole('button', { name: 'Meedoen' }).click();
  await page.waitForURL(/\/w\/[A-Za-z0-9_-]+$/);
}

/** From the workspace overview: opens the plan and waits until its text has loaded. */
export async function openPlan(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Plan van aanpak/ }).click();
  await page.waitForURL(/\/w\/[A-Za-z0-9_-]+\/d\/[A-Za-z0-9_-]+$/);
  await page.locator('.ProseMirror').getByText('Doel', { exact: true }).waitFor();
}

/**
 * Puts the cursor at the very end of the document, on a new line of its own,
 * by clicking behind the last word, as a person would.
 */
export async function goToNewLineAtEnd(page: Page): Promise<void> {
  const lastBlock = page.locator('.ProseMirror > :last-child');
  await lastBlock.scrollIntoViewIfNeeded();
  const box = await lastBlock.boundingBox();
  if (!box) throw new Error('the editor has no last block to click');
  await page.mouse.click(box.x + box.width - 2, box.y + box.height - 2);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
}
