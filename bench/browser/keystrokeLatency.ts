/**
 * Keystroke-to-screen latency in Chromium: one person types in a plan while
 * remote typists (stock y-websocket clients in this process) type in the same
 * document, with the page's CPU throttled through the DevTools protocol.
 *
 * In the page, a keystroke's latency runs from the keydown event's timestamp
 * (when the input was generated, so time queued behind other work counts) to
 * the first task after the next animation frame that follows the editor's DOM
 * change: the frame that shows the character has been produced by then.
 */
import { chromium, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { RICH_TEXT_FIELD } from '../../shared/schema/richText.ts';
import { summarizeLatencies, type LatencySummary } from '../metrics/stats.ts';
import type { ServerTarget } from '../servers/BenchServer.ts';

const CHROMIUM_PATH = '/usr/bin/chromium';
const WARM_UP_KEYSTROKES = 10;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface KeystrokeOptions {
  keystrokes: number;
  keyIntervalMs: number;
  remoteTypists: number;
  remoteRate: number;
  cpuThrottling: number;
}

export interface KeystrokeResult extends LatencySummary {
  /** Every counted keystroke's latency, in order (ms). */
  series: number[];
  remoteEditsSent: number;
  /** Remote characters the page showed at the end (a check that the load reached the screen). */
  remoteCharsOnScreen: number;
  /** Route JS the browser loaded to show the document, gzip KB as served. */
  documentRouteJs: string[];
}

/** Runs in the page: records keystroke latencies into window.__keystrokeLatencies. */
function installProbe(): void {
  const w = window as unknown as { __keystrokeLatencies: number[] };
  w.__keystrokeLatencies = [];
  const editor = document.querySelector('.ProseMirror')!;
  let pending: number | null = null;
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key.length === 1) pending = event.timeStamp;
    },
    true,
  );
  new MutationObserver(() => {
    if (pending === null) return;
    const started = pending;
    pending = null;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => w.__keystrokeLatencies.push(performance.now() - started);
      channel.port2.postMessage(null);
    });
  }).observe(editor, { childList: true, subtree: true, characterData: true });
}

function remoteTypist(target: ServerTarget, docId: string, index: number) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${target.port}/collab`, `${target.workspaceId}/${docId}`, doc, {
    params: { token: target.token! },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.awareness.setLocalStateField('user', { name: `Typist ${index + 1}`, color: '#1d5c8c' });
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  let text: Y.XmlText | null = null;
  return {
    synced,
    /** Adds this typist's own paragraph at the end of the document. */
    start() {
      const paragraph = new Y.XmlElement('paragraph');
      text = new Y.XmlText();
      paragraph.insert(0, [text]);
      const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
      fragment.insert(fragment.length, [paragraph]);
    },
    type() {
      text!.insert(text!.length, 'abcdefghij'[index % 10]!);
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function measureKeystrokes(baseUrl: string, target: ServerTarget, options: KeystrokeOptions): Promise<KeystrokeResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const typists: ReturnType<typeof remoteTypist>[] = [];
  let timers: NodeJS.Timeout[] = [];
  try {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: 'nl-NL' });
    const page: Page = await context.newPage();
    const created = await page.request.post('/api/workspaces', {
      data: { name: 'Benchmark', member: { name: 'Typist', role: 'resident' } },
    });
    if (created.status() !== 201) throw new Error(`creating a workspace: HTTP ${created.status()}`);
    const { workspaceId, token } = (await created.json()) as { workspaceId: string; token: string };
    await page.goto(`/w/${workspaceId}`);
    await page.getByRole('link', { name: /Plan van aanpak/ }).click();
    await page.waitForURL(/\/w\/[A-Za-z0-9_-]+\/d\/[A-Za-z0-9_-]+$/);
    const docId = new URL(page.url()).pathname.split('/')[4]!;
    await page.locator('.ProseMirror').getByText('Doel', { exact: true }).waitFor();
    const documentRouteJs = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((pathname) => pathname.endsWith('.js')),
    );

    const remoteTarget: ServerTarget = { ...target, workspaceId, token };
    for (let i = 0; i < options.remoteTypists; i++) typists.push(remoteTypist(remoteTarget, docId, i));
    await Promise.all(typists.map((typist) => typist.synced));
    for (const typist of typists) typist.start();

    // The person's own line: under the first heading.
    await page.locator('.ProseMirror').getByText('Doel', { exact: true }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.evaluate(installProbe);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuThrottling });

    // One tick per remote edit, round-robin over the typists: evenly spread, `remoteRate` each.
    let remoteEditsSent = 0;
    if (typists.length > 0) {
      const tick = setInterval(() => {
        typists[remoteEditsSent % typists.length]!.type();
        remoteEditsSent++;
      }, 1000 / (options.remoteRate * typists.length));
      timers = [tick];
    }
    // Let the remote load run before the first keystroke.
    await page.waitForTimeout(1000);
    const letters = 'samenspelwijkplan';
    for (let i = 0; i < WARM_UP_KEYSTROKES + options.keystrokes; i++) {
      await page.keyboard.press(letters[i % letters.length]!);
      await page.waitForTimeout(options.keyIntervalMs);
    }
    for (const timer of timers) clearInterval(timer);
    timers = [];
    await page.waitForTimeout(500);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    const all = await page.evaluate(() => (window as unknown as { __keystrokeLatencies: number[] }).__keystrokeLatencies);
    // The first keystrokes warm the page up (code compiled on first use); they are not counted.
    const latencies = all.slice(WARM_UP_KEYSTROKES);
    const remoteCharsOnScreen = await page.locator('.ProseMirror').evaluate((element, count) => {
      if (count === 0) return 0;
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
      return Array.from(copy.children)
        .slice(-count)
        .reduce((sum, block) => sum + (block.textContent ?? '').length, 0);
    }, options.remoteTypists);
    return { ...summarizeLatencies(latencies), series: latencies.map((ms) => Math.round(ms)), remoteEditsSent, remoteCharsOnScreen, documentRouteJs };
  } finally {
    for (const timer of timers) clearInterval(timer);
    for (const typist of typists) typist.destroy();
    await browser.close();
  }
}
