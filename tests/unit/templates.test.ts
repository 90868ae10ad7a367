/** Document templates: the plan's six parts, the meeting's date and five parts, in TipTap's Yjs layout. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defaultMeetingTitle, dutchDate, MEETING_SECTIONS, meetingTemplate } from '../../shared/schema/meetingTemplate.ts';
import { PLAN_TEMPLATE } from '../../shared/schema/planTemplate.ts';
import { appendBlocks, plainText, richTextFragment } from '../../shared/schema/richText.ts';

describe('templates', () => {
  it('the plan template has the six parts of a plan of approach as headings', () => {
    const headings = PLAN_TEMPLATE.filter((block) => block.type === 'heading').map((block) => (block.type === 'heading' ? block.text : ''));
    expect(headings).toEqual(['Doel', 'Aanleiding', 'Aanpak', 'Wie doet wat', 'Planning', 'Evaluatie']);
  });

  it('writes Dutch dates without depending on the machine’s language', () => {
    expect(dutchDate('2026-11-25')).toBe('woensdag 25 november 2026');
    expect(dutchDate('2027-01-03')).toBe('zondag 3 januari 2027');
    expect(defaultMeetingTitle('2026-11-25')).toBe('Overleg 25 november 2026');
  });

  it('the meeting template starts with the date and has the five parts in order, with lists and a checklist', () => {
    const doc = new Y.Doc();
    appendBlocks(doc, meetingTemplate('2026-11-25'));
    const nodes = richTextFragment(doc).toArray() as Y.XmlElement[];
    expect(plainText(doc).split('\n')[0]).toBe('Datum: woensdag 25 november 2026');
    const headings = nodes.filter((node) => node.nodeName === 'heading').map((node) => node.toArray().map(String).join(''));
    expect(headings).toEqual(Object.values(MEETING_SECTIONS));
    const actions = nodes.at(-1)!;
    expect(actions.nodeName).toBe('taskList');
    const item = actions.get(0) as Y.XmlElement;
    expect(item.nodeName).toBe('taskItem');
    expect(item.getAttribute('checked')).toBe(false);
    expect((item.get(0) as Y.XmlElement).nodeName).toBe('paragraph');
  });
});
