/**
 * A view-only member (say, the municipality) reads along but cannot change a
 * thing, not even by sending updates by hand.
 */
import { describe, expect, it } from 'vitest';
import { plainText } from '../../shared/schema/richText.ts';
import { browserTestSession, editorText } from '../helpers/browser.ts';
import { createInvite, createWorkspace, goToNewLineAtEnd, joinWithInvite, openPlan } from './flows.ts';
import {
  docFromSyncStep2,
  openRawCollabSocket,
  paragraphUpdateMessage,
  SYNC_STEP_2_PREFIX,
  syncStep1Message,
} from './rawCollab.ts';

const session = browserTestSession();

describe('view-only access', () => {
  it('a view-only member sees the plan but cannot change it, and nothing it sends reaches the others', { timeout: 60_000 }, async () => {
    const writer = await session.person();
    const reader = await session.person();

    await createWorkspace(writer.page, 'Voorst', { name: 'Wim', role: 'Bewoner' });
    const inviteUrl = await createInvite(writer.page, 'Kan alleen lezen');
    await joinWithInvite(reader.page, inviteUrl, { name: 'Gemeente Voorst', role: 'Anders' });
    await reader.page.getByText('Je kunt in deze werkruimte alleen lezen.').waitFor();
    await Promise.all([openPlan(writer.page), openPlan(reader.page)]);

    // The writer's words reach the reader.
    const written = 'We openen het ontmoetingspunt op dinsdag.';
    await goToNewLineAtEnd(writer.page);
    await writer.page.keyboard.type(written);
    await expect.poll(() => editorText(reader.page), { timeout: 10_000 }).toContain(written);

    // The reader sees a read-only text with a clear notice, and no toolbar.
    await reader.page.getByText('Je kunt dit document alleen lezen.', { exact: false }).waitFor();
    expect(await reader.page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
    expect(await reader.page.getByRole('toolbar').count()).toBe(0);

    // Typing changes nothing.
    const before = await editorText(reader.page);
    await reader.page.locator('.ProseMirror').click();
    await reader.page.keyboard.press('Control+End');
    await reader.page.keyboard.type('Dit mag niet.');
    await reader.page.keyboard.press('Enter');
    expect(await editorText(reader.page)).toBe(before);

    // An update sent by hand over the reader's own session is dropped by the server.
    const [, , workspaceId, , docId] = new URL(reader.page.url()).pathname.split('/');
    const forged = 'Dit is stiekem toegevoegd.';
    const socket = await openRawCollabSocket(reader.page, workspaceId ?? '', docId ?? '');
    await socket.send(paragraphUpdateMessage(forged));
    // Messages on one connection are handled in order: the answer to this step 1
    // comes after the forged update was dealt with.
    await socket.send(syncStep1Message());
    const serverDoc = docFromSyncStep2(await socket.waitForMessage(SYNC_STEP_2_PREFIX));
    expect(plainText(serverDoc)).toContain(written);
    expect(plainText(serverDoc)).not.toContain(forged);
    await socket.close();

    // A round trip writer → server → reader after that: the writer still never got it.
    const marker = 'Daarna nog een zin.';
    await writer.page.keyboard.type(` ${marker}`);
    await expect.poll(() => editorText(reader.page), { timeout: 10_000 }).toContain(marker);
    expect(await editorText(writer.page)).not.toContain(forged);
    expect(await editorText(writer.page)).not.toContain('Dit mag niet.');
    expect(await editorText(reader.page)).not.toContain(forged);
  });
});
