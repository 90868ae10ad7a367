/**
 * Prints HTML to PDF with Debian's Chromium through playwright-core: a tagged
 * (accessible) PDF with an outline, A4 margins, the coalition and workplace in
 * the page header and "Pagina 3 van 7" in the footer.
 *
 * One browser is started on the first print and kept until five minutes pass
 * without one (it costs about 180 MB while it runs); every print gets a fresh
 * context with JavaScript off and every network request refused, so the page
 * can only show the HTML we wrote. Prints run one at a time (the machines have
 * two cores that also serve the collaboration).
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { Logger } from '../logger.ts';
import { escapeHtml } from './printHtml.ts';

export class PdfUnavailableError extends Error {
  override name = 'PdfUnavailableError';
}

/** Too many PDFs waiting already: the caller should try again shortly. */
export class PdfBusyError extends Error {
  override name = 'PdfBusyError';
}

export interface PrintOptions {
  /** Small text at the top of every page. */
  headerText: string;
  /** "Pagina {current} van {total}" with the placeholders {current} and {total}. */
  pageLabel: string;
  title: string;
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync', '--no-first-run'];
const PRINT_TIMEOUT_MS = 60_000;
const IDLE_CLOSE_MS = 5 * 60_000;
/** Prints waiting in line at most; more answer 429 rather than pile up behind a slow machine. */
const MAX_WAITING = 8;

export class PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private waiting = 0;

  constructor(
    private readonly executablePath: string,
    private readonly logger: Logger,
  ) {}

  /** False when the Chromium binary is not there (the route answers 503 then). */
  available(): boolean {
    return existsSync(this.executablePath);
  }

  print(html: string, options: PrintOptions): Promise<Buffer> {
    if (this.waiting >= MAX_WAITING) return Promise.reject(new PdfBusyError(`${this.waiting} prints waiting`));
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.waiting += 1;
    const job = this.queue.then(() => this.printNow(html, options)).finally(() => {
      this.waiting -= 1;
    });
    this.queue = job.catch(() => undefined).then(() => this.closeWhenIdle());
    return job;
  }

  private closeWhenIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const browser = this.browser;
      this.browser = null;
      void browser?.then((running) => running.close()).catch(() => undefined);
    }, IDLE_CLOSE_MS);
    this.idleTimer.unref();
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      // Loaded on the first PDF, not at start-up: playwright-core alone adds about 80 MB to the
      // server's memory, which most servers (and every idle one) never need.
      this.browser = import('playwright-core')
        .then(({ chromium }) => chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_ARGS, timeout: PRINT_TIMEOUT_MS }))
        .then(
        (browser) => {
          browser.on('disconnected', () => {
            this.browser = null;
          });
          return browser;
        },
        (error: unknown) => {
          this.browser = null;
          this.logger.error({ err: error, executablePath: this.executablePath }, 'chromium failed to start');
          throw new PdfUnavailableError('chromium failed to start');
        },
      );
    }
    return this.browser;
  }

  private async printNow(html: string, options: PrintOptions): Promise<Buffer> {
    if (this.closed) throw new PdfUnavailableError('printer closed');
    if (!this.available()) throw new PdfUnavailableError(`no chromium at ${this.executablePath}`);
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      page.setDefaultTimeout(PRINT_TIMEOUT_MS);
      await page.setContent(html, { waitUntil: 'load' });
      const small = 'font-family: DejaVu Sans, Arial, sans-serif; font-size: 8pt; color: #555; width: 100%; margin: 0 16mm;';
      const [before, after = ''] = options.pageLabel.split('{current}');
      const [middle, end = ''] = after.split('{total}');
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        tagged: true,
        outline: true,
        displayHeaderFooter: true,
        margin: { top: '22mm', bottom: '20mm', left: '20mm', right: '20mm' },
        headerTemplate: `<div style="${small} text-align: right;">${escapeHtml(options.headerText)}</div>`,
        footerTemplate: `<div style="${small} text-align: center;">${escapeHtml(before ?? '')}<span class="pageNumber"></span>${escapeHtml(middle ?? '')}<span class="totalPages"></span>${escapeHtml(end)}</div>`,
      });
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}
