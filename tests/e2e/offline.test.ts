/**
 * Working without a connection, and telling the truth about saving:
 * - "opgeslagen" appears only once the server stored every change made on this
 *   device — never while a change (typed text or a deletion) has not reached it;
 * - a visited document opens offline (after a reload), takes more text, and
 *   everything merges with the others once the connection is back.
 */
import type { Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestSession, editorText, type Person } from '../helpers/browser.ts';
import { createInvite, createWorkspace, goToNewLineAtEnd, joinWithInvite, openPlan } from './flows.ts';

const session = browserTestSession();

const person = (): Promise<Person> => session.person();

const status = (page: Page) => page.locator('.document__header .connection');

/** Records every connection state the document header changes to from now on. */
async function recordStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __states: string[] }).__states = seen;
    const element = document.querySelector('.document__header .connection');
    if (!element) throw new Error('no connection badge');
    new MutationObserver(() => seen.push(element.getAttribute('data-state') ?? '')).observe(element, { attributes: true });
  });
}

const recordedStates = (page: Page) => page.evaluate(() => (window as unknown as { __states: string[] }).__states);

/** Every record in the member's IndexedDB copy of the open document, as text (Yjs keeps strings as UTF-8). */
async function cachedText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const [, , workspaceId, , docId] = location.pathname.split('/');
    const names = (await indexedDB.databases()).map((db) => db.name ?? '');
    const name = names.find((candidate) => candidate.endsWith(`:${workspaceId}/${docId}`));
    if (!name) return '';
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const values = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction('updates').objectStore('updates').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    const decoder = new TextDecoder();
    return values.map((value) => decoder.decode(value as Uint8Array)).join('\n');
  });
}

describe('save state', () => {
  it('"opgeslagen" never shows while a typed text or a deletion has not reached the server, and shows once it is stored', { timeout: 60_000 }, async () => {
    const anna = await person();
    await createWorkspace(anna.page, 'Voorst', { name: 'Anna', role: 'Bewoner' });
    // Every collaboration socket of this browser goes through a hand we can close:
    // messages from the browser to the server wait while `holding` is true.
    let holding = false;
    const held: (() => void)[] = [];
    await anna.context.routeWebSocket(/\/collab\//, (socket: WebSocketRoute) => {
      const upstream = socket.connectToServer();
      socket.onMessage((message) => {
        if (holding) held.push(() => upstream.send(message));
        else upstream.send(message);
      });
      upstream.onMessage((message) => socket.send(message));
    });
    await openPlan(anna.page);
    await expect.poll(() => status(anna.page).getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
    expect(await status(anna.page).innerText()).toContain('verbonden · opgeslagen');

    // Typing while the server cannot hear us: never "opgeslagen".
    await recordStates(anna.page);
    holding = true;
    await goToNewLineAtEnd(anna.page);
    await anna.page.keyboard.insertText('Dit staat nog niet op de server.');
    await expect.poll(() => status(anna.page).getAttribute('data-state')).toBe('saving');
    // Give a wrong "saved" every chance to appear: the tracker asks the server and waits for its answer.
    await expect.poll(async () => (await recordedStates(anna.page)).length).toBeGreaterThan(0);
    await anna.page.waitForTimeout(1500);
    expect(await recordedStates(anna.page)).not.toContain('saved');
    holding = false;
    for (const send of held.splice(0)) send();
    await expect.poll(() => status(anna.page).getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');

    // A deletion does not change a state vector; it must not pass for saved either.
    await recordStates(anna.page);
    holding = true;
    await anna.page.keyboard.press('Backspace');
    await anna.page.keyboard.press('Backspace');
    await expect.poll(() => status(anna.page).getAttribute('data-state')).toBe('saving');
    await anna.page.waitForTimeout(1500);
    expect(await recordedStates(anna.page)).not.toContain('saved');
    holding = false;
    for (const send of held.splice(0)) send();
    await expect.poll(() => status(anna.page).getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
    expect(await editorText(anna.page)).toContain('Dit staat nog niet op de serve');
    expect(await editorText(anna.page)).not.toContain('Dit staat nog niet op de server');
  });
});

describe('offline', () => {
  it('a visited plan opens offline after a reload, takes more text, and merges with the others when the connection is back', { timeout: 90_000 }, async () => {
    const anna = await person();
    const bram = await person();
    await createWorkspace(anna.page, 'Horst', { name: 'Anna', role: 'Bewoner' });
    const inviteUrl = await createInvite(anna.page, 'Kan meeschrijven');
    await joinWithInvite(bram.page, inviteUrl, { name: 'Bram', role: 'Professional' });
    await Promise.all([openPlan(anna.page), openPlan(bram.page)]);
    // The app is kept on the device by its service worker.
    await anna.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => anna.page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 10_000 }).toBe(true);
    await anna.page.waitForTimeout(500); // the worker stores the loaded scripts in the background

    await anna.context.setOffline(true);
    await expect.poll(() => status(anna.page).getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
    expect(await status(anna.page).innerText()).toContain('offline — je wijzigingen worden bewaard op dit apparaat');

    const offline1 = 'Offline geschreven in de bus.';
    await goToNewLineAtEnd(anna.page);
    await anna.page.keyboard.insertText(offline1);
    await expect.poll(() => cachedText(anna.page), { timeout: 10_000 }).toContain(offline1);

    // Meanwhile Bram, online, writes too.
    const online1 = 'Bram schrijft gewoon verder.';
    await goToNewLineAtEnd(bram.page);
    await bram.page.keyboard.insertText(online1);

    await anna.page.reload();
    await anna.page.locator('.ProseMirror').getByText(offline1).waitFor({ timeout: 15_000 });
    expect(await status(anna.page).getAttribute('data-state')).toBe('offline');
    const offline2 = 'Na het herladen nog een zin.';
    await goToNewLineAtEnd(anna.page);
    await anna.page.keyboard.insertText(offline2);
    await expect.poll(() => cachedText(anna.page), { timeout: 10_000 }).toContain(offline2);
    expect(await editorText(bram.page)).not.toContain(offline1);

    await anna.context.setOffline(false);
    for (const p of [anna, bram]) {
      for (const text of [offline1, offline2, online1]) {
        await expect.poll(() => editorText(p.page), { timeout: 20_000 }).toContain(text);
      }
    }
    await expect.poll(async () => (await editorText(anna.page)) === (await editorText(bram.page)), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => status(anna.page).getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
  });
});
