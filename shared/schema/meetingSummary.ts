/**
 * The summary panel at the end of a meeting: the decisions and actions that
 * came from that meeting's notes (their meetingDocId), in list order.
 */
import type { ActionView } from './actions.ts';
import type { DecisionView } from './decisions.ts';

export interface MeetingSummary {
  decisions: DecisionView[];
  actions: ActionView[];
}

export function meetingSummary(
  meetingDocId: string,
  decisions: readonly DecisionView[],
  actions: readonly ActionView[],
): MeetingSummary {
  return {
    decisions: decisions.filter((decision) => decision.meetingDocId === meetingDocId),
    actions: actions.filter((action) => action.meetingDocId === meetingDocId),
  };
}
