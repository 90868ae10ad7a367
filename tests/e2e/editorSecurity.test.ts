/**
 * Links in documents can never run script, and pasted HTML is cut down to the
 * editor's schema (issue 7, "Web security"). A `javascript:` link (or `data:`,
 * `vbscript:`, in mixed case, entity-encoded, with whitespace or control
 * characters in it) can be made neither through the link form or the editor's
 * commands, nor by pasting, nor by a crafted client writing the link mark
 * straight into the shared Yjs document: what anyone's page shows holds no such
 * href, and clicking it runs nothing. The CSP (no inline script) would block
 * such a URL as well; these tests check the editor without leaning on it.
 */
import * as encoding from 'lib0/encoding';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { RICH_TEXT_FIELD } from '../../shared/schema/richText.ts';
import { browserTestSession, type Person } from '../helpers/browser.ts';
import { createInvite, createWorkspace, goToNewLineAtEnd, joinWithInvite, openPlan } from './flows.ts';
import { docFromSyncStep2, openRawCollabSocket, SYNC_STEP_2_PREFIX, syncStep1Message } from './rawCollab.ts';

const session = browserTestSession();

/** Addresses that must never become a live link; each sets window.__pwned if it ever ran. */
const HOSTILE_HREFS = [
  'javascript:window.__pwned="plain"',
  'JaVaScRiPt:window.__pwned="mixed"',
  '  javascript:window.__pwned="leading-space"',
  '\tjava\nscript:window.__pwned="control-characters"',
  '\u0000javascript:window.__pwned="nul"',
  'data:text/html;base64,PHNjcmlwdD53aW5kb3cub3BlbmVyLl9fcHduZWQ9ImRhdGEiPC9zY3JpcHQ+',
  'DATA:text/html,<script>window.opener.__pwned="data-upper"</script>',
  'vbscript:msgbox("vb")',
  'VBScript:msgbox("vb-mixed")',
];

/** The same, as they would appear inside pasted HTML (the browser decodes the entities). */
const HOSTILE_HTML_HREFS = [
  'javascript:window.__pwned=&quot;html&quot;',
  ' JaVaScRiPt:window.__pwned=1',
  '&#106;avascript:window.__pwned=&quot;entity&quot;',
  '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;window.__pwned=1',
  'java&#x09;script:window.__pwned=&quot;tab-entity&quot;',
  'jav&#x0A;ascript:window.__pwned=1',
  'data:text/html,&lt;script&gt;window.opener.__pwned=1&lt;/script&gt;',
  'vbscript:msgbox(1)',
];

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Every href in the page (the document, the toolbar, everything), resolved by the browser as a click
 * would resolve it; an empty href resolves to the page itself.
 */
async function resolvedHrefs(page: Page): Promise<{ raw: string | null; resolved: string }[]> {
  return page.$$eval('a, area, [href], [src], [action], [formaction]', (elements) =>
    elements.flatMap((element) =>
      ['href', 'src', 'action', 'formaction']
        .filter((name) => element.hasAttribute(name))
        .map((name) => {
          const raw = element.getAttribute(name);
          return { raw, resolved: new URL(raw ?? '', document.baseURI).href };
        }),
    ),
  );
}

async function expectNoScriptUrl(page: Page, where: string): Promise<void> {
  for (const { raw, resolved } of await resolvedHrefs(page)) {
    const protocol = new URL(resolved).protocol;
    expect(SAFE_PROTOCOLS.has(protocol), `${where}: ${JSON.stringify(raw)} resolves to ${resolved}`).toBe(true);
  }
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), `${where}: script ran`).toBeUndefined();
}

/** The server's copy of the document, as XML with the marks' attributes, read over the page's own session. */
async function serverDocument(page: Page): Promise<string> {
  const [, , workspaceId, , docId] = new URL(page.url()).pathname.split('/');
  const socket = await openRawCollabSocket(page, workspaceId ?? '', docId ?? '');
  await socket.send(syncStep1Message());
  const doc = docFromSyncStep2(await socket.waitForMessage(SYNC_STEP_2_PREFIX));
  await socket.close();
  return doc.getXmlFragment(RICH_TEXT_FIELD).toString();
}

function expectNoHostileHref(xml: string): void {
  expect(xml).not.toMatch(/(java|vb)\s*script\s*:|data\s*:/i);
}

/** Pastes as a person would with Ctrl+V: a paste event carrying this HTML, on the focused editor. */
async function pasteHtml(page: Page, html: string): Promise<void> {
  await page.locator('.ProseMirror').evaluate((editor, content) => {
    const data = new DataTransfer();
    data.setData('text/html', content);
    data.setData('text/plain', 'geplakt');
    editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

/** Runs an editor command on the page's TipTap editor (TipTap hangs it on its DOM element). */
async function editorCommand(page: Page, command: 'setLink' | 'toggleLink', href: string): Promise<boolean> {
  return page.locator('.ProseMirror').evaluate(
    (element, [name, value]) => {
      const editor = (element as unknown as { editor: { commands: Record<string, (attrs: unknown) => boolean> } }).editor;
      // A few letters of the first block selected, as when someone marks words to link.
      editor.commands.setTextSelection!({ from: 2, to: 5 });
      return editor.commands[name!]!({ href: value });
    },
    [command, href] as const,
  );
}

/** A sync update adding a paragraph whose text carries a link mark with `href`, as y-tiptap stores marks. */
function linkParagraphUpdate(text: string, href: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const content = new Y.XmlText();
  paragraph.insert(0, [content]);
  doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [paragraph]);
  content.insert(0, text, { link: { href, target: '_self', rel: null, class: null, title: null } });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}

/**
 * Clicks every link in the editor whose address was refused (rendered without one) and checks that
 * nothing ran, nothing opened and the page stayed. Links with a real address are left alone: following
 * them is what links are for.
 */
async function clickRefusedLinks(person: Person, where: string): Promise<void> {
  const opened: string[] = [];
  const onPage = (page: Page) => opened.push(page.url());
  const dialogs: string[] = [];
  const onDialog = (dialog: { message(): string; dismiss(): Promise<void> }) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  };
  person.context.on('page', onPage);
  person.page.on('dialog', onDialog);
  const before = person.page.url();
  const links = person.page.locator('.ProseMirror a');
  const refused = await links.evaluateAll((elements) =>
    elements.flatMap((element, index) => (element.getAttribute('href')?.trim() ? [] : [index])),
  );
  expect(refused.length, `${where}: links to click`).toBeGreaterThan(0);
  for (const i of refused) {
    await links.nth(i).click();
    await expectNoScriptUrl(person.page, `${where}, after clicking link ${i}`);
  }
  person.context.off('page', onPage);
  person.page.off('dialog', onDialog);
  for (const page of person.context.pages().slice(1)) {
    expect(SAFE_PROTOCOLS.has(new URL(page.url() || 'about:blank').protocol) || page.url() === 'about:blank', page.url()).toBe(true);
    await page.close();
  }
  expect(dialogs).toEqual([]);
  expect(opened.filter((url) => /^(javascript|data|vbscript):/i.test(url))).toEqual([]);
  expect(new URL(person.page.url()).pathname).toBe(new URL(before).pathname);
}

describe('editor security', () => {
  it('the link form and the link commands refuse every script address; a normal address still works', { timeout: 90_000 }, async () => {
    const anna = await session.person();
    await createWorkspace(anna.page, 'Zuilen', { name: 'Anna', role: 'Bewoner' });
    await openPlan(anna.page);
    await goToNewLineAtEnd(anna.page);
    await anna.page.keyboard.type('Kijk op de site');

    // Through the form as a person would, for a few of them (each costs a round of clicks) …
    for (const href of HOSTILE_HREFS.filter((_, i) => i % 2 === 0)) {
      await anna.page.getByRole('button', { name: 'Link', exact: true }).click();
      await anna.page.getByLabel('Adres van de link', { exact: false }).fill(href);
      await anna.page.getByRole('button', { name: 'Link zetten' }).click();
      await anna.page.getByRole('alert').waitFor();
      await anna.page.getByRole('button', { name: 'Annuleren' }).click();
    }
    // … and through the editor's own commands, for all of them.
    for (const href of HOSTILE_HREFS) {
      expect(await editorCommand(anna.page, 'setLink', href), `setLink ${JSON.stringify(href)}`).toBe(false);
      expect(await editorCommand(anna.page, 'toggleLink', href), `toggleLink ${JSON.stringify(href)}`).toBe(false);
    }
    expect(await anna.page.locator('.ProseMirror a').count()).toBe(0);
    await expectNoScriptUrl(anna.page, 'after the link form');

    // The control: an ordinary address becomes a link.
    await anna.page.getByRole('button', { name: 'Link', exact: true }).click();
    await anna.page.getByLabel('Adres van de link', { exact: false }).fill('www.krachtvanzuilen.nl');
    await anna.page.getByRole('button', { name: 'Link zetten' }).click();
    await anna.page.locator('.ProseMirror a[href="https://www.krachtvanzuilen.nl/"]').waitFor();
    expectNoHostileHref(await serverDocument(anna.page));
  });

  it('pasted HTML loses script links, scripts, event handlers, iframes, styles and unknown tags; its text and safe links stay', { timeout: 90_000 }, async () => {
    const bram = await session.person();
    await createWorkspace(bram.page, 'De Heeze', { name: 'Bram', role: 'Professional' });
    await openPlan(bram.page);
    await goToNewLineAtEnd(bram.page);

    const links = HOSTILE_HTML_HREFS.map((href, i) => `<a href="${href}">slecht${i}</a>`).join(' ');
    const html = [
      `<p>Begin ${links} <a href="https://www.stimenz.nl/">goede link</a></p>`,
      `<script>window.__pwned = "script"</script>`,
      `<p onclick="window.__pwned='onclick'" onmouseover="window.__pwned='over'" style="position:fixed;top:0;left:0;width:100%;height:100%;background:red">Met stijl</p>`,
      `<img src="x" onerror="window.__pwned='img'">`,
      `<iframe src="javascript:window.top.__pwned='iframe'"></iframe>`,
      `<svg><script>window.__pwned="svg"</script><a xlink:href="javascript:window.__pwned=1">svg-link</a></svg>`,
      `<form action="javascript:window.__pwned=1"><button formaction="javascript:1">knop</button></form>`,
      `<blink>Knipper</blink> <marquee>Rol</marquee> <custom-tag data-x="1">Eigen</custom-tag>`,
      `<p><strong style="color:red">Vet</strong> en <em onmouseover="window.__pwned=2">schuin</em></p>`,
    ].join('');
    await pasteHtml(bram.page, html);
    await bram.page.locator('.ProseMirror', { hasText: 'goede link' }).waitFor();

    const editor = bram.page.locator('.ProseMirror');
    const pasted = await editor.evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
      return {
        html: copy.innerHTML,
        text: copy.textContent ?? '',
        tags: [...new Set([...copy.querySelectorAll('*')].map((node) => node.tagName.toLowerCase()))].sort(),
        attributes: [...new Set([...copy.querySelectorAll('*')].flatMap((node) => [...node.attributes].map((a) => a.name)))].sort(),
      };
    });
    // Only the schema's own tags and attributes remain.
    const schemaTags = ['a', 'br', 'em', 'h2', 'h3', 'li', 'ol', 'p', 'strong', 'ul', 'table', 'tbody', 'tr', 'td', 'th', 'colgroup', 'col', 'label', 'input', 'span', 'div', 's', 'code', 'pre', 'blockquote', 'hr', 'h1', 'u'];
    expect(pasted.tags.filter((tag) => !schemaTags.includes(tag)), pasted.html).toEqual([]);
    expect(pasted.attributes.filter((name) => name.startsWith('on') || name === 'style' || name === 'formaction' || name === 'action' || name === 'src'), pasted.html).toEqual([]);
    expect(pasted.html).not.toMatch(/(java|vb)\s*script\s*:|data\s*:/i);
    expect(pasted.text).toContain('Begin');
    expect(pasted.text).toContain('slecht0');
    expect(pasted.text).toContain('Met stijl');
    expect(pasted.text).toContain('Vet');
    expect(await bram.page.locator('.ProseMirror a[href="https://www.stimenz.nl/"]').count()).toBe(1);
    // What was pasted as a bad link is plain text now.
    expect(await bram.page.locator('.ProseMirror a', { hasText: 'slecht' }).count()).toBe(0);
    await expectNoScriptUrl(bram.page, 'after pasting');
    expectNoHostileHref(await serverDocument(bram.page));
  });

  it('a link mark with a script address written straight into the Yjs document by a crafted client is shown to nobody as a live link', { timeout: 90_000 }, async () => {
    const carla = await session.person();
    const crafty = await session.person();
    const reader = await session.person();
    await createWorkspace(carla.page, 'Wageningen', { name: 'Carla', role: 'Bewoner' });
    const editInvite = await createInvite(carla.page, 'Kan meeschrijven');
    const viewInvite = await createInvite(carla.page, 'Kan alleen lezen');
    await joinWithInvite(crafty.page, editInvite, { name: 'Kees', role: 'Anders' });
    await joinWithInvite(reader.page, viewInvite, { name: 'Gemeente', role: 'Anders' });
    await Promise.all([openPlan(carla.page), openPlan(crafty.page), openPlan(reader.page)]);

    const [, , workspaceId, , docId] = new URL(crafty.page.url()).pathname.split('/');
    const socket = await openRawCollabSocket(crafty.page, workspaceId ?? '', docId ?? '');
    const hostile = [...HOSTILE_HREFS, '&#106;avascript:window.__pwned="literal-entity"'];
    for (const [i, href] of hostile.entries()) await socket.send(linkParagraphUpdate(`klik hier ${i}`, href));
    await socket.close();

    for (const person of [carla, reader]) {
      const where = person === carla ? 'editor' : 'view-only reader';
      await expect.poll(() => person.page.locator('.ProseMirror a').count(), { timeout: 15_000 }).toBe(hostile.length);
      await expectNoScriptUrl(person.page, where);
      await clickRefusedLinks(person, where);
    }

    // The editor puts the caret in such a link and opens the link form: its "open" button holds no script either.
    for (const i of [0, 1, 5, 7]) {
      const index = await carla.page.locator('.ProseMirror a').evaluateAll(
        (elements, text) =>
          elements.findIndex((element) => {
            const copy = element.cloneNode(true) as HTMLElement;
            copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
            return copy.textContent === text;
          }),
        `klik hier ${i}`,
      );
      await carla.page.locator('.ProseMirror a').nth(index).click();
      await carla.page.getByRole('button', { name: 'Link', exact: true }).click();
      await carla.page.getByLabel('Adres van de link', { exact: false }).waitFor();
      await expectNoScriptUrl(carla.page, `link form on crafted link ${JSON.stringify(hostile[i])}`);
      expect(await carla.page.getByRole('link', { name: 'Link openen' }).count()).toBe(0);
      await carla.page.getByRole('button', { name: 'Annuleren' }).click();
    }
  });
});
