/**
 * The words an exported file says about itself (cover page, header, footer),
 * in the language of the person who exports it: Dutch unless asked for English.
 */
import type { Language } from '../apiMessages.ts';
import type { Role } from '../members.ts';

export interface ExportLabels {
  coalition: string;
  workplace: string;
  date: string;
  page: (current: string, total: string) => string;
  roles: Record<Role, string>;
  contributors: string;
  reportTitle: string;
  reportIntro: string;
  planOfApproach: string;
  meetingNotes: string;
  noPlans: string;
  checked: string;
  unchecked: string;
}

const nl: ExportLabels = {
  coalition: 'Coalitie',
  workplace: 'Werkplaats',
  date: 'Datum',
  page: (current, total) => `Pagina ${current} van ${total}`,
  roles: { resident: 'bewoner', professional: 'professional', other: 'anders' },
  contributors: 'Wie schreven mee',
  reportTitle: 'Verslag van de werkplaats',
  reportIntro: 'Dit verslag is gemaakt met Samenspel. Bewoners en professionals schreven het samen, als gelijken.',
  planOfApproach: 'Plan van aanpak',
  meetingNotes: 'Verslag van overleg',
  noPlans: 'Deze werkplaats heeft nog geen plan van aanpak.',
  checked: 'gedaan',
  unchecked: 'open',
};

const en: ExportLabels = {
  coalition: 'Coalition',
  workplace: 'Workplace',
  date: 'Date',
  page: (current, total) => `Page ${current} of ${total}`,
  roles: { resident: 'resident', professional: 'professional', other: 'other' },
  contributors: 'Contributors',
  reportTitle: 'Workplace report',
  reportIntro: 'This report was made with Samenspel. Residents and professionals wrote it together, as equals.',
  planOfApproach: 'Plan of approach',
  meetingNotes: 'Meeting notes',
  noPlans: 'This workplace has no plan of approach yet.',
  checked: 'done',
  unchecked: 'open',
};

export function exportLabels(language: Language): ExportLabels {
  return language === 'en' ? en : nl;
}

const DUTCH_MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-11-25` as "25 november 2026", without depending on the machine's locale data. */
export function longDate(isoDate: string, language: Language): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const months = language === 'en' ? ENGLISH_MONTHS : DUTCH_MONTHS;
  return `${day} ${months[(month ?? 1) - 1] ?? ''} ${year}`;
}
