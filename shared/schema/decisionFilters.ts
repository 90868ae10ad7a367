/**
 * The workspace-wide view of decisions: every workplace's list together,
 * filtered by workplace, status, date and "review due". Pure; the client reads
 * each workplace's list (decisions.ts) and passes them in.
 */
import { reviewDue } from './consent.ts';
import type { DecisionStatus, DecisionView } from './decisions.ts';

export interface WorkplaceDecision {
  workplaceId: string;
  decision: DecisionView;
}

export interface DecisionFilter {
  workplaceId?: string;
  status?: DecisionStatus;
  /** Inclusive bounds on `decisionDate`, `YYYY-MM-DD`. */
  from?: string;
  to?: string;
  /** Only taken decisions whose review date has come. */
  reviewDue?: boolean;
  /** `YYYY-MM-DD`, for reviewDue. */
  today: string;
}

/** The date a decision is filed under: the day it was taken, otherwise the day it was proposed. */
export function decisionDate(decision: DecisionView): string {
  return decision.decidedOn ?? decision.createdAt.slice(0, 10);
}

/** Matching decisions, newest first (by decisionDate, then creation time). */
export function filterDecisions(rows: readonly WorkplaceDecision[], filter: DecisionFilter): WorkplaceDecision[] {
  return rows
    .filter(({ workplaceId, decision }) => {
      const date = decisionDate(decision);
      return (
        (filter.workplaceId === undefined || workplaceId === filter.workplaceId) &&
        (filter.status === undefined || decision.status === filter.status) &&
        (filter.from === undefined || date >= filter.from) &&
        (filter.to === undefined || date <= filter.to) &&
        (!filter.reviewDue || reviewDue(decision, filter.today))
      );
    })
    .sort(
      (a, b) =>
        decisionDate(b.decision).localeCompare(decisionDate(a.decision)) ||
        b.decision.createdAt.localeCompare(a.decision.createdAt) ||
        a.decision.id.localeCompare(b.decision.id),
    );
}
