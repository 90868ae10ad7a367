/**
 * The words in exported decision and action lists, in Dutch (default) and
 * English. Exports are built in shared/ (no client i18n here), so their texts
 * live beside them, as the API's messages do in shared/apiMessages.ts.
 */
import type { Language } from '../apiMessages.ts';
import type { DecisionProblem } from '../schema/consent.ts';
import type { DecisionStatus } from '../schema/decisions.ts';

export interface ExportLabels {
  status: Record<DecisionStatus, string>;
  problem: Record<DecisionProblem, string>;
  decisionColumns: {
    title: string;
    explanation: string;
    status: string;
    proposedBy: string;
    proposedOn: string;
    decidedOn: string;
    reviewDate: string;
    meeting: string;
    round: string;
    agreed: string;
    concerns: string;
    objections: string;
    withdrawn: string;
    pending: string;
    ignored: string;
  };
  actionColumns: {
    what: string;
    owners: string;
    due: string;
    done: string;
    doneBy: string;
    doneAt: string;
    overdue: string;
    meeting: string;
  };
  yes: string;
  no: string;
  formerMember: string;
  decisionsTitle: string;
  actionsTitle: string;
  consentHeading: string;
  noDecisions: string;
  noActions: string;
  /** The workplace report's part with the actions not done yet. */
  openActionsTitle: string;
  noOpenActions: string;
}

const nl: ExportLabels = {
  status: { voorstel: 'Voorstel', genomen: 'Genomen', verworpen: 'Verworpen', herzien: 'Herzien' },
  problem: {
    'bezwaar-na-besluit': 'Genomen, maar er is een bezwaar',
    'gewijzigd-na-besluit': 'Genomen, maar het voorstel is daarna gewijzigd',
  },
  decisionColumns: {
    title: 'Besluit',
    explanation: 'Toelichting',
    status: 'Status',
    proposedBy: 'Voorgesteld door',
    proposedOn: 'Voorgesteld op',
    decidedOn: 'Besloten op',
    reviewDate: 'Opnieuw bekijken op',
    meeting: 'Vergadering',
    round: 'Ronde',
    agreed: 'Eens',
    concerns: 'Eens met bedenkingen',
    objections: 'Bezwaar',
    withdrawn: 'Bezwaar ingetrokken',
    pending: 'Nog niet gereageerd',
    ignored: 'Reactie telt niet mee (geen lid meer of alleen lezen)',
  },
  actionColumns: {
    what: 'Wat',
    owners: 'Wie',
    due: 'Uiterlijk',
    done: 'Klaar',
    doneBy: 'Klaar gemeld door',
    doneAt: 'Klaar gemeld op',
    overdue: 'Te laat',
    meeting: 'Vergadering',
  },
  yes: 'ja',
  no: 'nee',
  formerMember: 'oud-lid',
  decisionsTitle: 'Besluitenlijst',
  actionsTitle: 'Actielijst',
  consentHeading: 'Instemming',
  noDecisions: 'Nog geen besluiten.',
  noActions: 'Nog geen acties.',
  openActionsTitle: 'Open acties',
  noOpenActions: 'Er staan geen open acties.',
};

const en: ExportLabels = {
  status: { voorstel: 'Proposal', genomen: 'Taken', verworpen: 'Rejected', herzien: 'Under review' },
  problem: {
    'bezwaar-na-besluit': 'Taken, but there is an objection',
    'gewijzigd-na-besluit': 'Taken, but the proposal changed afterwards',
  },
  decisionColumns: {
    title: 'Decision',
    explanation: 'Explanation',
    status: 'Status',
    proposedBy: 'Proposed by',
    proposedOn: 'Proposed on',
    decidedOn: 'Decided on',
    reviewDate: 'Review on',
    meeting: 'Meeting',
    round: 'Round',
    agreed: 'Agree',
    concerns: 'Agree with concerns',
    objections: 'Objection',
    withdrawn: 'Objection withdrawn',
    pending: 'Not responded yet',
    ignored: 'Response not counted (no longer a member or view only)',
  },
  actionColumns: {
    what: 'What',
    owners: 'Who',
    due: 'Due',
    done: 'Done',
    doneBy: 'Marked done by',
    doneAt: 'Marked done on',
    overdue: 'Overdue',
    meeting: 'Meeting',
  },
  yes: 'yes',
  no: 'no',
  formerMember: 'former member',
  decisionsTitle: 'Decision list',
  actionsTitle: 'Action list',
  consentHeading: 'Consent',
  noDecisions: 'No decisions yet.',
  noActions: 'No actions yet.',
  openActionsTitle: 'Open actions',
  noOpenActions: 'There are no open actions.',
};

export function exportLabels(language: Language): ExportLabels {
  return language === 'en' ? en : nl;
}
