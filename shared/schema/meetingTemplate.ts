/**
 * The starting content of meeting notes (verslag): the date, then the five
 * parts every meeting has. Written once, by the server, when the meeting is
 * created (server/documents/createDocument.ts).
 */
import type { Block } from './richText.ts';

export const MEETING_SECTIONS = {
  attendees: 'Aanwezig',
  agenda: 'Agenda',
  discussed: 'Besproken',
  decisions: 'Besluiten',
  actions: 'Acties',
} as const;

const MONTHS = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni',
  'juli', 'augustus', 'september', 'oktober', 'november', 'december',
] as const;
const WEEKDAYS = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'] as const;

/** `2026-11-25` → `woensdag 25 november 2026` (no Intl: the same on every machine). */
export function dutchDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** A meeting title people recognise: `Overleg 25 november 2026`. */
export function defaultMeetingTitle(isoDate: string): string {
  return `Overleg ${dutchDate(isoDate).split(' ').slice(1).join(' ')}`;
}

export function meetingTemplate(isoDate: string): Block[] {
  return [
    { type: 'paragraph', text: `Datum: ${dutchDate(isoDate)}` },
    { type: 'heading', level: 2, text: MEETING_SECTIONS.attendees },
    { type: 'bulletList', items: [''] },
    { type: 'heading', level: 2, text: MEETING_SECTIONS.agenda },
    { type: 'orderedList', items: [''] },
    { type: 'heading', level: 2, text: MEETING_SECTIONS.discussed },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: MEETING_SECTIONS.decisions },
    { type: 'bulletList', items: [''] },
    { type: 'heading', level: 2, text: MEETING_SECTIONS.actions },
    { type: 'taskList', items: [{ text: '', checked: false }] },
  ];
}
