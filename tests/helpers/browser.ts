/**
 * Debian's Chromium driven by playwright-core, for the browser tests. Each test
 * file launches one browser; every simulated person gets their own context
 * (own cookies, own storage), so they are as separate as two devices.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type TestServer } from './server.ts';

/** Debian's package (globalSetup.ts installs it when missing). */
const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  // No --user-data-dir: launch() already gives a fresh profile and rejects that flag.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export const PHONE = { width: 390, height: 844 } as const;
export const LAPTOP = { width: 1280, height: 800 } as const;

export interface Person {
  context: BrowserContext;
  page: Page;
}

/** A new person with their own cookies, in Dutch (the default) unless told otherwise. */
export async function newPerson(
  browser: Browser,
  baseURL: string,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<Person> {
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? LAPTOP,
    locale: options.locale ?? 'nl-NL',
  });
  const page = await context.newPage();
  // Surface client crashes and missing files in the test output instead of a silent blank page.
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !new URL(response.url()).pathname.startsWith('/api/')) {
      console.error(`[browser] ${response.status()} for ${response.url()}`);
    }
  });
  return { context, page };
}

/**
 * The text of the editor on this page without other people's caret labels,
 * which sit inside the editable element (TOOLCHAIN.md, pitfall 7).
 */
export async function editorText(page: Page): Promise<string> {
  return page.locator('.ProseMirror').evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return Array.from(copy.children)
      .map((block) => block.textContent ?? '')
      .join('\n');
  });
}

export interface BrowserTestSession {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A new person (own context) on this file's server; closed after the file's tests. */
  person(options?: { viewport?: { width: number; height: number }; locale?: string }): Promise<Person>;
}

/**
 * One real server and one browser for a test file, started before its tests
 * and stopped after them with every person it made. Call at the top level.
 */
export function browserTestSession(): BrowserTestSession {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const people: Person[] = [];
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all(people.map((person) => person.context.close()));
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('browserTestSession: used before its beforeAll ran');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    async person(options) {
      const created = await newPerson(started(browser), started(server).url, options);
      people.push(created);
      return created;
    },
  };
}
