/**
 * Two people, two browsers, one plan: live co-writing through the real server.
 */
import { describe, expect, it } from 'vitest';
import { browserTestSession, editorText, type Person } from '../helpers/browser.ts';
import { createInvite, createWorkspace, goToNewLineAtEnd, joinWithInvite, openPlan } from './flows.ts';
import {
  awarenessMessage,
  caretInFirstBlock,
  docFromSyncStep2,
  openRawCollabSocket,
  SYNC_STEP_2_PREFIX,
  syncStep1Message,
} from './rawCollab.ts';

const session = browserTestSession();

const person = (): Promise<Person> => session.person();

function caretLabels(p: Person): Promise<string[]> {
  return p.page.locator('.collaboration-carets__label').allTextContents();
}

describe('co-writing a plan', () => {
  it('two members who type at the same time each see the other’s text and named caret, and end with the same text', { timeout: 60_000 }, async () => {
    const anna = await person();
    const bram = await person();

    const workspaceId = await createWorkspace(anna.page, 'Westenwind', { name: 'Anna de Vries', role: 'Bewoner' });
    const inviteUrl = await createInvite(anna.page, 'Kan meeschrijven');
    expect(inviteUrl).toMatch(/\/join\/[A-Za-z0-9_-]+$/);

    await joinWithInvite(bram.page, inviteUrl, { name: 'Bram Synthese', role: 'Professional' });
    expect(bram.page.url()).toContain(`/w/${workspaceId}`);

    await Promise.all([openPlan(anna.page), openPlan(bram.page)]);
    await Promise.all([goToNewLineAtEnd(anna.page), goToNewLineAtEnd(bram.page)]);

    const annaSentence = 'De bewoners willen het trapveldje in de Riet opknappen.';
    const bramSentence = 'Synthese helpt met de aanvraag bij de gemeente.';
    await Promise.all([
      anna.page.keyboard.type(annaSentence, { delay: 15 }),
      bram.page.keyboard.type(bramSentence, { delay: 15 }),
    ]);

    for (const p of [anna, bram]) {
      await expect.poll(() => editorText(p.page), { timeout: 10_000 }).toContain(annaSentence);
      await expect.poll(() => editorText(p.page), { timeout: 10_000 }).toContain(bramSentence);
    }
    await expect.poll(() => caretLabels(anna), { timeout: 10_000 }).toContain('Bram Synthese');
    await expect.poll(() => caretLabels(bram), { timeout: 10_000 }).toContain('Anna de Vries');

    await expect
      .poll(async () => (await editorText(anna.page)) === (await editorText(bram.page)), { timeout: 10_000 })
      .toBe(true);
    // Both sentences arrived whole, each on its own line: nothing interleaved.
    const finalText = await editorText(anna.page);
    const lines = finalText.split('\n');
    expect(lines, finalText).toContain(annaSentence);
    expect(lines, finalText).toContain(bramSentence);

    // The presence bar names the other person with the role they chose.
    await anna.page.getByRole('region', { name: 'Wie zijn er nu?' }).getByText('Bram Synthese').waitFor();
    const presence = await anna.page.getByRole('region', { name: 'Wie zijn er nu?' }).innerText();
    expect(presence).toContain('Professional');
    // Once the server stored everything Anna typed, she is told so in words.
    const connection = anna.page.locator('.document__header .connection');
    await expect.poll(() => connection.getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
    expect(await connection.innerText()).toContain('verbonden · opgeslagen');
  });

  it('a caret shows the name the server stamped for that member, never the name the client wrote', { timeout: 60_000 }, async () => {
    const carla = await person();
    const dirk = await person();
    await createWorkspace(carla.page, 'Kracht van Zuilen', { name: 'Carla', role: 'Bewoner' });
    const inviteUrl = await createInvite(carla.page, 'Kan meeschrijven');
    await joinWithInvite(dirk.page, inviteUrl, { name: 'Dirk', role: 'Anders' });
    await openPlan(carla.page);
    const [, , workspaceId, , docId] = new URL(carla.page.url()).pathname.split('/');

    // Dirk's browser, by hand: claims to be someone else in both `user` and `member`.
    const socket = await openRawCollabSocket(dirk.page, workspaceId ?? '', docId ?? '');
    await socket.send(syncStep1Message());
    const serverDoc = docFromSyncStep2(await socket.waitForMessage(SYNC_STEP_2_PREFIX));
    await socket.send(
      awarenessMessage({
        user: { name: 'Nep-naam', color: '#000000' },
        member: { id: 'nep', name: 'Nep-naam', role: 'professional', access: 'edit' },
        cursor: caretInFirstBlock(serverDoc),
      }),
    );

    await expect.poll(() => caretLabels(carla), { timeout: 10_000 }).toContain('Dirk');
    expect(await caretLabels(carla)).not.toContain('Nep-naam');
    const presence = carla.page.getByRole('region', { name: 'Wie zijn er nu?' });
    await presence.getByText('Dirk').waitFor();
    expect(await presence.innerText()).not.toContain('Nep-naam');
    await socket.close();
  });

  it('checklists, links and tables reach the other person; undo takes back only your own change', { timeout: 60_000 }, async () => {
    const ella = await person();
    const frank = await person();
    await createWorkspace(ella.page, 'Apeldoorn', { name: 'Ella', role: 'Bewoner' });
    const inviteUrl = await createInvite(ella.page, 'Kan meeschrijven');
    await joinWithInvite(frank.page, inviteUrl, { name: 'Frank', role: 'Professional' });
    await Promise.all([openPlan(ella.page), openPlan(frank.page)]);

    // A checklist item.
    await goToNewLineAtEnd(ella.page);
    await ella.page.getByRole('button', { name: 'Takenlijst' }).click();
    await ella.page.keyboard.type('Zaal huren');
    await frank.page.locator('.ProseMirror ul[data-type="taskList"] li', { hasText: 'Zaal huren' }).waitFor();

    // A link: typed address becomes the linked text.
    await ella.page.keyboard.press('Enter');
    await ella.page.keyboard.press('Enter'); // out of the checklist
    await ella.page.getByRole('button', { name: 'Link', exact: true }).click();
    await ella.page.getByLabel('Adres van de link', { exact: false }).fill('www.zuiddoetsamen.nl');
    await ella.page.getByRole('button', { name: 'Link zetten' }).click();
    const link = frank.page.locator('.ProseMirror a', { hasText: 'www.zuiddoetsamen.nl' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('https://www.zuiddoetsamen.nl/');

    // A table.
    await ella.page.keyboard.press('End');
    await ella.page.keyboard.press('Enter');
    await ella.page.getByRole('button', { name: 'Tabel' }).click();
    await ella.page.keyboard.type('Wie');
    await frank.page.locator('.ProseMirror table th', { hasText: 'Wie' }).waitFor();
    expect(await frank.page.locator('.ProseMirror table tr').count()).toBe(3);

    // Frank writes something; Ella's undo takes back her own last typing, never Frank's.
    await goToNewLineAtEnd(frank.page);
    await frank.page.keyboard.type('Frank zijn zin.');
    await expect.poll(() => editorText(ella.page), { timeout: 10_000 }).toContain('Frank zijn zin.');
    await ella.page.getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => frank.page.locator('.ProseMirror table th', { hasText: 'Wie' }).count(), { timeout: 10_000 }).toBe(0);
    expect(await editorText(ella.page)).toContain('Frank zijn zin.');
    expect(await editorText(frank.page)).toContain('Frank zijn zin.');
  });
});
