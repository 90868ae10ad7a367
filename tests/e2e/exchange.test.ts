/**
 * Export and import as a person does it, in Chromium: the download buttons
 * under a plan give a real file of the right type; a Word plan (made with the
 * docx package, with two images and a comment) and a Markdown file become new
 * plans with their headings, lists and table, and what was left out is said;
 * pasting from Word and Google Docs keeps the structure without their junk;
 * the page with the export controls passes axe on a phone and a laptop.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestSession, LAPTOP, newPerson, PHONE } from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';
import { documentToMarkdown } from '../../shared/exchange/markdown.ts';
import { FIXTURE_TEXT, wordPlanFixture } from '../helpers/docxFixture.ts';
import { PLAN_WITHOUT_CHIP } from '../helpers/richTextSamples.ts';
import { createWorkspace, openPlan } from './flows.ts';
import { squash } from '../helpers/exportOutline.ts';

const session = browserTestSession();
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/paste');
const scratch = mkdtempSync(path.join(tmpdir(), 'samenspel-exchange-'));

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** The editor's blocks as "tag: text" lines, nested lists and tables flattened in document order. */
async function editorOutline(page: Page): Promise<string[]> {
  return page.locator('.ProseMirror').evaluate((root) => {
    const lines: string[] = [];
    const visit = (element: Element, depth: number) => {
      for (const child of Array.from(element.children)) {
        const tag = child.tagName.toLowerCase();
        if (/^h[1-6]$/.test(tag) || (tag === 'p' && !child.closest('li, th, td'))) lines.push(`${tag}: ${child.textContent ?? ''}`);
        else if (tag === 'li') {
          const own = child.querySelector(':scope > p, :scope > div > p');
          const kind = child.parentElement?.tagName.toLowerCase() ?? 'ul';
          const task = child.getAttribute('data-checked');
          lines.push(`${'  '.repeat(depth)}${task === null ? kind : `task ${task}`} li: ${own?.textContent ?? ''}`);
          visit(child, depth + 1);
        } else if (tag === 'th' || tag === 'td' || tag === 'pre') lines.push(`${tag}: ${child.textContent ?? ''}`);
        else if (tag !== 'p') visit(child, depth);
      }
    };
    visit(root, 0);
    // The editor keeps an empty paragraph after a table at the end, so there is always a place to type.
    if (lines.at(-1) === 'p: ') lines.pop();
    return lines;
  });
}

async function startWithPlan(viewport: { width: number; height: number } = LAPTOP): Promise<{ page: Page; workspaceId: string }> {
  const { page } = await session.person({ viewport });
  const workspaceId = await createWorkspace(page, 'Westenwind', { name: 'Anna de Vries', role: 'Bewoner' });
  return { page, workspaceId };
}

describe('export buttons', () => {
  it('each button downloads a file of the right type and a plausible size', { timeout: 120_000 }, async () => {
    const { page } = await startWithPlan();
    await openPlan(page);
    const panel = page.getByRole('region', { name: 'Downloaden en afdrukken' });
    const expected = [
      { button: /als Word-bestand$/, extension: '.docx', magic: 'PK', min: 4_000, max: 200_000 },
      { button: /als PDF-bestand$/, extension: '.pdf', magic: '%PDF-', min: 5_000, max: 2_000_000 },
      { button: /als Markdown-bestand$/, extension: '.md', magic: '# Plan van aanpak', min: 100, max: 10_000 },
    ];
    for (const file of expected) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), panel.getByRole('button', { name: file.button }).click()]);
      expect(download.suggestedFilename()).toBe(`Plan van aanpak - Algemeen${file.extension}`);
      const saved = path.join(scratch, download.suggestedFilename());
      await download.saveAs(saved);
      const bytes = readFileSync(saved);
      expect(bytes.subarray(0, file.magic.length).toString('utf8')).toBe(file.magic);
      expect(bytes.length).toBeGreaterThan(file.min);
      expect(bytes.length).toBeLessThan(file.max);
      await expect.poll(() => panel.getByRole('status').textContent()).toContain('is gedownload');
    }
    // Real documents, not empty wrappers: a Word package with its main part, the plan's headings in Markdown.
    expect(readFileSync(path.join(scratch, 'Plan van aanpak - Algemeen.docx')).includes(Buffer.from('word/document.xml'))).toBe(true);
    expect(readFileSync(path.join(scratch, 'Plan van aanpak - Algemeen.md'), 'utf8')).toContain('## Doel');
  });

  it("the browser's own print shows the document only: no toolbar, presence, buttons or export panel", { timeout: 120_000 }, async () => {
    const { page } = await startWithPlan();
    await openPlan(page);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.site-header', '.toolbar', '.presence', '.exchange', '.page-actions', '.connection']) {
      await expect.poll(() => page.locator(selector).first().isVisible(), { message: selector }).toBe(false);
    }
    expect(await page.locator('button:visible').count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1, name: 'Plan van aanpak' }).isVisible()).toBe(true);
    expect(await page.locator('.ProseMirror').getByText('Wanneer doen we wat?').isVisible()).toBe(true);
    // And printed for real: the PDF of the page holds the plan's words and none of the controls.
    const pdf = await getDocument({ data: new Uint8Array(await page.pdf({ format: 'A4' })) }).promise;
    let printed = '';
    for (let number = 1; number <= pdf.numPages; number++) {
      const content = await (await pdf.getPage(number)).getTextContent();
      printed += content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    }
    await pdf.destroy();
    expect(printed).toContain('Wanneer doen we wat?');
    for (const control of ['Opmaak tonen', 'Word-bestand', 'Naam wijzigen', 'verbonden', 'Samenspel']) expect(printed).not.toContain(control);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('.toolbar').isVisible()).toBe(true);
  });

  it('without Chromium on the server, the PDF button says so in plain Dutch and Word still downloads', { timeout: 120_000 }, async () => {
    const bare = await startServer({ env: { CHROMIUM_PATH: '/nonexistent/chromium' } });
    const { context, page } = await newPerson(session.browser, bare.url);
    try {
      await createWorkspace(page, 'Westenwind', { name: 'Anna de Vries', role: 'Bewoner' });
      await openPlan(page);
      const panel = page.getByRole('region', { name: 'Downloaden en afdrukken' });
      await panel.getByRole('button', { name: /als PDF-bestand$/ }).click();
      await expect.poll(() => panel.getByRole('alert').textContent()).toContain('Een PDF maken lukt nu niet');
      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: /als Word-bestand$/ }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      expect(await panel.getByRole('alert').count()).toBe(0);
    } finally {
      await context.close();
      await bare.stop();
    }
  });

  it('the workplace report downloads as Word and PDF', { timeout: 120_000 }, async () => {
    const { page } = await startWithPlan();
    await page.getByRole('link', { name: /Algemeen/ }).first().click();
    const panel = page.getByRole('region', { name: 'Verslag voor de gemeente' });
    for (const [label, extension, magic] of [['Verslag als Word-bestand', '.docx', 'PK'], ['Verslag als PDF-bestand', '.pdf', '%PDF-']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), panel.getByRole('button', { name: label }).click()]);
      expect(download.suggestedFilename()).toBe(`Verslag van de werkplaats - Algemeen${extension}`);
      const saved = path.join(scratch, `report${extension}`);
      await download.saveAs(saved);
      const bytes = readFileSync(saved);
      expect(bytes.subarray(0, magic.length).toString('utf8')).toBe(magic);
      expect(bytes.length).toBeGreaterThan(4_000);
    }
  });

  it.each([
    ['phone', PHONE],
    ['laptop', LAPTOP],
  ])('the plan page with its export controls passes axe on a %s', { timeout: 120_000 }, async (_name, viewport) => {
    const { page } = await startWithPlan(viewport);
    await openPlan(page);
    await page.getByRole('region', { name: 'Downloaden en afdrukken' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    if (viewport === PHONE) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('link', { name: /← Terug naar/ }).click();
    await page.getByRole('region', { name: 'Plan importeren' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    if (viewport === PHONE) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});

describe('import', () => {
  it('a Word plan becomes a new plan with headings, lists, table and link; images and the comment are reported', { timeout: 120_000 }, async () => {
    const { page } = await startWithPlan();
    const file = path.join(scratch, 'Plan Wonen 2025.docx');
    writeFileSync(file, await wordPlanFixture());
    await page.getByRole('link', { name: /Algemeen/ }).first().click();
    const panel = page.getByRole('region', { name: 'Plan importeren' });
    await panel.getByLabel('Kies een bestand').setInputFiles(file);
    await expect.poll(() => panel.getByLabel('Naam van het nieuwe plan').inputValue()).toBe('Plan Wonen 2025');
    await panel.getByRole('button', { name: 'Importeren' }).click();
    const result = panel.getByRole('status');
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('Het plan "Plan Wonen 2025" is gemaakt.');
    expect(await result.textContent()).toContain('2 afbeeldingen zijn niet overgenomen.');
    expect(await result.textContent()).toContain('1 opmerking is niet overgenomen.');
    // Listed for everyone at once, in the workplace's plans.
    await page.getByRole('region', { name: 'Plannen' }).getByRole('link', { name: /Plan Wonen 2025/ }).waitFor();
    await result.getByRole('link', { name: 'Open het plan "Plan Wonen 2025"' }).click();
    await page.locator('.ProseMirror').getByText(FIXTURE_TEXT.who).waitFor();
    expect(await editorOutline(page)).toEqual([
      `h1: ${FIXTURE_TEXT.title}`,
      `h2: ${FIXTURE_TEXT.goal}`,
      `p: ${FIXTURE_TEXT.goalText}`,
      'p: Meer op de site van de gemeente.',
      `h2: ${FIXTURE_TEXT.approach}`,
      `ul li: ${FIXTURE_TEXT.bullets[0]}`,
      `ul li: ${FIXTURE_TEXT.bullets[1]}`,
      `  ul li: ${FIXTURE_TEXT.nested}`,
      `ol li: ${FIXTURE_TEXT.steps[0]}`,
      `ol li: ${FIXTURE_TEXT.steps[1]}`,
      `h2: ${FIXTURE_TEXT.who}`,
      ...FIXTURE_TEXT.table.flatMap((row, index) => row.map((cell) => `${index === 0 ? 'th' : 'td'}: ${cell}`)),
    ]);
    const editor = page.locator('.ProseMirror');
    expect(await editor.locator('strong', { hasText: 'Ouderen in Horst' }).count()).toBe(1);
    expect(await editor.locator('em', { hasText: 'langer' }).count()).toBe(1);
    expect(await editor.locator(`a[href="${FIXTURE_TEXT.link}"]`).count()).toBe(1);
    expect(await editor.locator('img').count()).toBe(0);
  });

  it('a plan exported to Word and imported again keeps every block: lists, checklist, quote, code block and table', { timeout: 180_000 }, async () => {
    const { page } = await startWithPlan();
    await page.getByRole('link', { name: /Algemeen/ }).first().click();
    const workplaceUrl = page.url();
    const panel = page.getByRole('region', { name: 'Plan importeren' });
    const source = path.join(scratch, 'Alles erin.md');
    writeFileSync(source, documentToMarkdown(PLAN_WITHOUT_CHIP));
    await panel.getByLabel('Kies een bestand').setInputFiles(source);
    await panel.getByRole('button', { name: 'Importeren' }).click();
    await panel.getByRole('status').getByRole('link', { name: /Alles erin/ }).click();
    await page.locator('.ProseMirror td', { hasText: 'flyers | posters' }).waitFor();
    const original = await editorOutline(page);
    const exportPanel = page.getByRole('region', { name: 'Downloaden en afdrukken' });
    const [download] = await Promise.all([page.waitForEvent('download'), exportPanel.getByRole('button', { name: /als Word-bestand$/ }).click()]);
    const word = path.join(scratch, 'Terug uit Word.docx');
    await download.saveAs(word);
    await page.goto(workplaceUrl);
    await panel.getByLabel('Kies een bestand').setInputFiles(word);
    await panel.getByRole('button', { name: 'Importeren' }).click();
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 }).toContain('Alles is overgenomen.');
    await panel.getByRole('status').getByRole('link', { name: /Terug uit Word/ }).click();
    await page.locator('.ProseMirror td', { hasText: 'flyers | posters' }).waitFor();
    const back = await editorOutline(page);
    // The Word file starts with its title block (title, kind, coalition, workplace, date); then the plan, the same
    // block for block, code block and quotation included (they travel as the Word styles Code and Quote).
    expect(back.slice(0, back.indexOf(original[0]!))).toEqual(['p: Alles erin', 'p: Plan van aanpak', 'p: Coalitie: Westenwind', 'p: Werkplaats: Algemeen', expect.stringMatching(/^p: Datum: \d{1,2} \w+ \d{4}$/)]);
    expect(back.slice(back.indexOf(original[0]!))).toEqual(original);
    expect(original).toContain('pre: inloop 10:00\nstart 10:30');
  });

  it('a Markdown file becomes a new plan; a file of another kind is refused and nothing is made', { timeout: 120_000 }, async () => {
    const { page } = await startWithPlan();
    await page.getByRole('link', { name: /Algemeen/ }).first().click();
    const panel = page.getByRole('region', { name: 'Plan importeren' });
    const bad = path.join(scratch, 'foto.png');
    writeFileSync(bad, 'not a plan');
    await panel.getByLabel('Kies een bestand').setInputFiles(bad);
    await panel.getByRole('button', { name: 'Importeren' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('Dit bestand kunnen we niet lezen');
    const markdown = path.join(scratch, 'planning.md');
    writeFileSync(markdown, '# Planning\n\n- [x] Zaal gereserveerd\n- [ ] Flyers\n\n| Maand | Wat |\n| --- | --- |\n| maart | start |\n\n![foto](foto.jpg)\n');
    await panel.getByLabel('Kies een bestand').setInputFiles(markdown);
    await panel.getByLabel('Naam van het nieuwe plan').fill('Planning voorjaar');
    await panel.getByRole('button', { name: 'Importeren' }).click();
    const result = panel.getByRole('status');
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('1 afbeelding is niet overgenomen.');
    await result.getByRole('link', { name: /Planning voorjaar/ }).click();
    await page.locator('.ProseMirror p', { hasText: 'Zaal gereserveerd' }).waitFor();
    expect(await editorOutline(page)).toEqual(['h1: Planning', 'task true li: Zaal gereserveerd', 'task false li: Flyers', 'th: Maand', 'th: Wat', 'td: maart', 'td: start']);
  });
});

describe('paste', () => {
  async function pasteInto(page: Page, html: string): Promise<void> {
    await page.locator('.ProseMirror > :last-child').click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.locator('.ProseMirror').evaluate((editor, clipboardHtml) => {
      const data = new DataTransfer();
      data.setData('text/html', clipboardHtml);
      data.setData('text/plain', 'plain');
      editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
  }

  it('from Word keeps headings, nested bullets, numbers, bold, link and table, without markers or Office markup', { timeout: 120_000 }, async () => {
    const { page } = await startWithPlan();
    await openPlan(page);
    await pasteInto(page, readFileSync(path.join(FIXTURES, 'word-desktop.html'), 'utf8'));
    await page.locator('.ProseMirror').getByText('Contact met de gemeente').waitFor();
    const outline = await editorOutline(page);
    // The template has its own "Aanpak" heading; the pasted one comes last.
    const from = outline.lastIndexOf('h2: Aanpak');
    expect(outline.slice(from)).toEqual([
      'h2: Aanpak',
      'p: We beginnen met een koffieochtend in De Schakel, samen met Synthese.',
      'ul li: Bewoners uitnodigen',
      '  ul li: via de buurtapp',
      'ul li: Zaal reserveren',
      'ol li: Eerst de bewoners vragen',
      'ol li: Dan samen kiezen',
      'td: Wie',
      'td: Wat',
      'td: Karim',
      'td: Contact met de gemeente',
    ]);
    const editor = page.locator('.ProseMirror');
    expect(await editor.locator('strong', { hasText: 'koffieochtend' }).count()).toBe(1);
    expect(await editor.locator('em', { hasText: 'De Schakel' }).count()).toBe(1);
    expect(await editor.locator('a[href="https://www.synthese.nl/"]').count()).toBe(1);
    const html = await editor.innerHTML();
    expect(html).not.toMatch(/mso-|Mso|o:p|·|Symbol/);
  });

  it('from Word online keeps bold and italic and drops its classes and spans', { timeout: 120_000 }, async () => {
    const { page } = await startWithPlan();
    await openPlan(page);
    await pasteInto(page, readFileSync(path.join(FIXTURES, 'word-online.html'), 'utf8'));
    const editor = page.locator('.ProseMirror');
    await editor.getByText('houden.', { exact: false }).waitFor();
    expect(await editor.locator('strong', { hasText: /^Doel$/ }).count()).toBe(1);
    expect(await editor.locator('em', { hasText: /^leefbaar$/ }).count()).toBe(1);
    expect(await editor.innerHTML()).not.toMatch(/SCXW|TextRun|Aptos/);
  });

  it('of notes with a decision chip (as our Markdown and HTML write it) keeps the chip and the text around it', { timeout: 120_000 }, async () => {
    const { page } = await startWithPlan();
    await openPlan(page);
    await pasteInto(
      page,
      '<p>Afgesproken: <span data-list-item-chip data-kind="decision" data-item-id="kerstborrel" data-workplace-id="elders">[besluit: Kerstborrel — Voorstel]</span> en verder niets.</p>',
    );
    const editor = page.locator('.ProseMirror');
    await editor.getByText('en verder niets.', { exact: false }).waitFor();
    const pasted = editor.locator('p', { hasText: 'Afgesproken:' });
    expect(await pasted.locator('.item-chip--decision[data-item-id="kerstborrel"]').count()).toBe(1);
    expect(squash(await pasted.innerText())).toMatch(/^Afgesproken: .*besluit.* en verder niets\.$/i);
  });

  it('from Google Docs keeps heading, nested list, link and table, and is not all bold', { timeout: 120_000 }, async () => {
    const { page } = await startWithPlan();
    await openPlan(page);
    await pasteInto(page, readFileSync(path.join(FIXTURES, 'google-docs.html'), 'utf8'));
    const editor = page.locator('.ProseMirror');
    await editor.getByText('Koffieochtend', { exact: true }).waitFor();
    const outline = await editorOutline(page);
    expect(outline.slice(outline.lastIndexOf('h2: Planning'))).toEqual([
      'h2: Planning',
      'p: In maart starten we, zie de website van Westenwind.',
      'ul li: Maart: eerste koffieochtend',
      '  ul li: flyers in de wijk',
      'ul li: Juni: terugblik',
      'td: Maand',
      'td: Wat',
      'td: Maart',
      'td: Koffieochtend',
    ]);
    // Google's wrapper <b style="font-weight:normal"> is not bold; only "maart" and the table's first row are.
    expect(await editor.locator('strong').allTextContents()).toEqual(['maart', 'Maand', 'Wat']);
    expect(await editor.locator('em').allTextContents()).toEqual([' van Westenwind']);
    expect(await editor.locator('a[href="https://www.westenwind.nl/"]').textContent()).toBe('de website');
    expect(await editor.locator('u').count()).toBe(0);
    expect(await editor.innerHTML()).not.toMatch(/docs-internal-guid|font-family|Arial/);
  });
});
