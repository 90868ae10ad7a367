/** CSV and Markdown downloads of decision and action lists (shared/export/). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { csvField, toCsv } from '../../shared/export/csv.ts';
import { actionsToCsv, actionsToMarkdown, decisionsToCsv, decisionsToMarkdown, markdownText } from '../../shared/export/listExport.ts';
import { addAction, readActions, setDone } from '../../shared/schema/actions.ts';
import type { ConsentMember } from '../../shared/schema/consent.ts';
import { addDecision, readDecisions, respond, takeDecision } from '../../shared/schema/decisions.ts';

const AT = '2026-11-25T10:00:00.000Z';
const MEMBERS: ConsentMember[] = [
  { id: 'anja', name: 'Anja de Vries', access: 'edit' },
  { id: 'bram', name: 'Bram', access: 'edit' },
  { id: 'cor', name: 'Cor; "de buurman"', access: 'edit' },
];

/** A minimal RFC 4180 reader with ';' as separator, to read our own files back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  return rows;
}

function decisions(): ReturnType<typeof readDecisions> {
  const doc = new Y.Doc();
  addDecision(doc, { id: 'd1', title: 'Vijver schoonmaken; samen', explanation: 'Met de hele buurt.\nOp zaterdag.', proposedBy: 'anja', at: AT, meetingDocId: 'm1' });
  respond(doc, 'd1', 'anja', 'eens', '', AT);
  respond(doc, 'd1', 'bram', 'bezwaar', 'Niet in de broedtijd', AT);
  respond(doc, 'd1', 'weg', 'eens', '', AT);
  addDecision(doc, { id: 'd2', title: '=HYPERLINK("http://kwaad")', proposedBy: 'cor', at: AT });
  respond(doc, 'd2', 'cor', 'bedenkingen', 'Kost tijd', AT);
  takeDecision(doc, 'd2', 'cor', AT, '2026-11-25');
  return readDecisions(doc);
}

describe('list export', () => {
  it('CSV for Dutch Excel: BOM, semicolons, CRLF, quoting and no formulas', () => {
    const csv = toCsv(['a', 'b'], [['x;y', 'zeg "hoi"'], ['regel\nregel', ' spatie'], ['@SUM(1)', '-2']]);
    expect(csv.startsWith('\uFEFFa;b\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv.slice(1))).toEqual([
      ['a', 'b'],
      ['x;y', 'zeg "hoi"'],
      ['regel\nregel', ' spatie'],
      ["'@SUM(1)", "'-2"],
    ]);
    expect(csvField('gewoon')).toBe('gewoon');
  });

  it('exports decisions with status and who responded how, and who has not yet', () => {
    const csv = decisionsToCsv(decisions(), { members: MEMBERS, today: '2026-11-25', meetingTitles: { m1: 'Overleg 20 november' } });
    const [header, first, second] = parseCsv(csv.slice(1));
    const col = (name: string): number => header!.indexOf(name);
    expect(first![col('Besluit')]).toBe('Vijver schoonmaken; samen');
    expect(first![col('Toelichting')]).toBe('Met de hele buurt.\nOp zaterdag.');
    expect(first![col('Status')]).toBe('Voorstel');
    expect(first![col('Vergadering')]).toBe('Overleg 20 november');
    expect(first![col('Eens')]).toBe('Anja de Vries');
    expect(first![col('Bezwaar')]).toBe('Bram: Niet in de broedtijd');
    expect(first![col('Nog niet gereageerd')]).toBe('Cor; "de buurman"');
    expect(first![col('Reactie telt niet mee (geen lid meer of alleen lezen)')]).toBe('oud-lid');
    expect(second![col('Besluit')]).toBe(`'=HYPERLINK("http://kwaad")`);
    expect(second![col('Status')]).toBe('Genomen');
    expect(second![col('Besloten op')]).toBe('2026-11-25');
    expect(second![col('Eens met bedenkingen')]).toBe('Cor; "de buurman": Kost tijd');
  });

  it('exports decisions as Markdown with escaped member text, in English too', () => {
    const md = decisionsToMarkdown(decisions(), { members: MEMBERS, today: '2026-11-25', title: 'Weisterbeek' });
    expect(md).toContain('# Weisterbeek\n');
    expect(md).toContain('## Vijver schoonmaken; samen\n');
    expect(md).toContain('- Status: **Voorstel**');
    expect(md).toContain('- Bezwaar: Bram: Niet in de broedtijd');
    expect(md).toContain('- Nog niet gereageerd: Cor; "de buurman"');
    expect(md).toContain('### Instemming (ronde 1)');
    expect(md).toContain('## =HYPERLINK\\("http://kwaad"\\)');
    const en = decisionsToMarkdown(decisions(), { members: MEMBERS, today: '2026-11-25', language: 'en' });
    expect(en).toContain('# Decision list');
    expect(en).toContain('- Status: **Taken**');
    expect(en).toContain('- Not responded yet:');
    expect(markdownText('# kop\n[link](javascript:x) <b>')).toBe('\\# kop \\[link\\]\\(javascript:x\\) \\<b\\>');
  });

  it('exports actions with owners, due date, done and overdue', () => {
    const doc = new Y.Doc();
    addAction(doc, { id: 'a1', what: 'Offerte vragen', owners: ['anja', 'bram'], due: '2026-11-20', createdBy: 'anja', at: AT });
    addAction(doc, { id: 'a2', what: 'Flyer maken', owners: ['cor', 'weg'], createdBy: 'cor', at: AT });
    setDone(doc, 'a2', true, 'cor', AT);
    const options = { members: MEMBERS, today: '2026-11-25' };
    const rows = parseCsv(actionsToCsv(readActions(doc), options).slice(1));
    expect(rows).toEqual([
      ['Wat', 'Wie', 'Uiterlijk', 'Klaar', 'Klaar gemeld door', 'Klaar gemeld op', 'Te laat', 'Vergadering'],
      ['Offerte vragen', 'Anja de Vries, Bram', '2026-11-20', 'nee', '', '', 'ja', ''],
      ['Flyer maken', 'Cor; "de buurman", oud-lid', '', 'ja', 'Cor; "de buurman"', '2026-11-25', 'nee', ''],
    ]);
    const md = actionsToMarkdown(readActions(doc), options);
    expect(md).toContain('- [ ] Offerte vragen — Wie: Anja de Vries, Bram — Uiterlijk: 2026-11-20 (**te laat**)');
    expect(md).toContain('- [x] Flyer maken — Wie: Cor; "de buurman", oud-lid — Klaar gemeld door: Cor; "de buurman" (2026-11-25)');
  });

  it('says so when a list is empty', () => {
    expect(decisionsToMarkdown([], { members: MEMBERS, today: '2026-11-25' })).toContain('Nog geen besluiten.');
    expect(actionsToMarkdown([], { members: MEMBERS, today: '2026-11-25' })).toContain('Nog geen acties.');
    expect(parseCsv(decisionsToCsv([], { members: MEMBERS, today: '2026-11-25' }).slice(1))).toHaveLength(1);
  });
});
