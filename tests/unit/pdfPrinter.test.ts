/**
 * The PDF printer with Debian's real Chromium: prints in line one at a time,
 * refuses more than eight waiting (at once, before any work), and says plainly
 * when there is no Chromium.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PdfBusyError, PdfPrinter, PdfUnavailableError } from '../../server/exchange/pdfPrinter.ts';
import { createLogger } from '../../server/logger.ts';

const logger = createLogger('silent');
const printer = new PdfPrinter('/usr/bin/chromium', logger);
const options = { title: 'Plan', headerText: 'Westenwind · Voor elkaar', pageLabel: 'Pagina {current} van {total}' };
const html = '<!doctype html><html lang="nl"><head><title>Plan</title></head><body><h1>Plan van aanpak</h1><p>Samen.</p></body></html>';

afterAll(async () => {
  await printer.close();
});

describe('PdfPrinter', () => {
  it('takes eight prints in line and refuses the ninth and later at once; afterwards it prints again', { timeout: 120_000 }, async () => {
    const jobs = Array.from({ length: 12 }, () => printer.print(html, options));
    const results = await Promise.allSettled(jobs);
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused).toHaveLength(4);
    for (const result of refused) expect((result as PromiseRejectedResult).reason).toBeInstanceOf(PdfBusyError);
    for (const result of results.slice(0, 8)) {
      expect(result.status).toBe('fulfilled');
      expect((result as PromiseFulfilledResult<Buffer>).value.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const again = await printer.print(html, options);
    expect(again.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('without Chromium it answers PdfUnavailableError and is not available', async () => {
    const missing = new PdfPrinter('/nonexistent/chromium', logger);
    expect(missing.available()).toBe(false);
    await expect(missing.print(html, options)).rejects.toBeInstanceOf(PdfUnavailableError);
    await missing.close();
  });
});
