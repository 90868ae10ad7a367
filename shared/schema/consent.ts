/**
 * The consent rules (besluiten met instemming) as pure functions over a
 * decision read from Yjs (decisions.ts) and the workspace's member list
 * (GET /api/workspaces/:id → members).
 *
 * - Who takes part: every current member with edit access. One member, one
 *   voice: responses are per member id, never per organisation or role.
 * - Only the current round counts. Changing the proposal starts a new round
 *   (reviseProposal), so earlier answers — objections included — no longer
 *   count and everyone is asked again.
 * - A response by someone who is no longer a member, or who now has view
 *   access only (removed or changed mid-round), does not count — neither as
 *   agreement nor as objection — but it is kept and shown apart (`ignored`).
 * - An objection is open until its author withdraws it or the proposal
 *   changes. Only its author can withdraw it.
 * - A decision can be taken (genomen) while it is open for consent (voorstel
 *   or herzien), no objection is open in the current round, and at least one
 *   member agreed (eens or eens met bedenkingen) in that round. Members who
 *   have not responded do not block it: the list shows who has not yet.
 * - A decision marked genomen that has an open objection in the current round,
 *   or whose proposal changed after it was taken (a concurrent edit), is not
 *   shown as simply taken: `decisionState` reports the problem so the list can
 *   show "bezwaar na besluit" / "gewijzigd na besluit" (docs/decisions.md).
 */
import type { Access } from '../members.ts';
import type { DecisionStatus, DecisionView, ResponseView } from './decisions.ts';

/** What the rules need of a member (MemberView from the API fits). */
export interface ConsentMember {
  id: string;
  name: string;
  access: Access;
}

export interface ConsentSummary {
  round: number;
  /** Members who take part: current members with edit access. */
  eligible: ConsentMember[];
  /** Current-round responses of eligible members, by kind. */
  agreed: ResponseView[];
  concerns: ResponseView[];
  /** Objections not withdrawn. */
  objections: ResponseView[];
  /** Objections their author withdrew (they no longer block). */
  withdrawn: ResponseView[];
  /** Eligible members without a response in the current round. */
  pending: ConsentMember[];
  /** Current-round responses by people who are no longer members or can only view: shown, not counted. */
  ignored: ResponseView[];
}

export function isEligible(member: ConsentMember | undefined): boolean {
  return member?.access === 'edit';
}

/** Who responded how in the current round, and who has not yet. */
export function consentSummary(decision: DecisionView, members: readonly ConsentMember[]): ConsentSummary {
  return summaryForRound(decision, members, decision.round);
}

function summaryForRound(decision: DecisionView, members: readonly ConsentMember[], round: number): ConsentSummary {
  const byId = new Map(members.map((member) => [member.id, member]));
  const eligible = members.filter(isEligible);
  const summary: ConsentSummary = {
    round,
    eligible,
    agreed: [],
    concerns: [],
    objections: [],
    withdrawn: [],
    pending: [],
    ignored: [],
  };
  const responded = new Set<string>();
  for (const response of decision.responses) {
    if (response.round !== round) continue;
    if (!isEligible(byId.get(response.memberId))) {
      summary.ignored.push(response);
      continue;
    }
    responded.add(response.memberId);
    if (response.kind === 'eens') summary.agreed.push(response);
    else if (response.kind === 'bedenkingen') summary.concerns.push(response);
    else if (response.withdrawnAt !== undefined) summary.withdrawn.push(response);
    else summary.objections.push(response);
  }
  summary.pending = eligible.filter((member) => !responded.has(member.id));
  return summary;
}

/** Open objections in the current round (by eligible members). */
export function openObjections(decision: DecisionView, members: readonly ConsentMember[]): ResponseView[] {
  return consentSummary(decision, members).objections;
}

export function isOpenForConsent(status: DecisionStatus): boolean {
  return status === 'voorstel' || status === 'herzien';
}

/** Why a decision cannot be marked genomen now (so a disabled button can say why). */
export type TakeBlocker =
  /** Already genomen or verworpen. */
  | 'not-open'
  /** An objection is open in the current round. */
  | 'open-objection'
  /** Nobody agreed yet in the current round. */
  | 'no-agreement';

/** Null when the decision can be taken; otherwise the first reason it cannot. */
export function takeBlocker(decision: DecisionView, members: readonly ConsentMember[]): TakeBlocker | null {
  if (!isOpenForConsent(decision.status)) return 'not-open';
  const summary = consentSummary(decision, members);
  if (summary.objections.length > 0) return 'open-objection';
  if (summary.agreed.length + summary.concerns.length === 0) return 'no-agreement';
  return null;
}

/** The rule for marking a decision genomen (see the header). */
export function canTake(decision: DecisionView, members: readonly ConsentMember[]): boolean {
  return takeBlocker(decision, members) === null;
}

/** Whether this member may respond at all (edit access, current member, decision not rejected). */
export function canRespond(decision: DecisionView, member: ConsentMember | undefined): boolean {
  return isEligible(member) && decision.status !== 'verworpen';
}

/** The member's own response in the current round, if any. */
export function ownResponse(decision: DecisionView, memberId: string): ResponseView | undefined {
  return decision.responses.find((response) => response.round === decision.round && response.memberId === memberId);
}

/** Only the author of an open objection in the current round can withdraw it. */
export function canWithdraw(decision: DecisionView, memberId: string): boolean {
  const own = ownResponse(decision, memberId);
  return own?.kind === 'bezwaar' && own.withdrawnAt === undefined;
}

export type DecisionProblem =
  /** Marked genomen, but an objection is open in the current round (e.g. it arrived at the same moment). */
  | 'bezwaar-na-besluit'
  /** Marked genomen, but the proposal changed (a new round) at the same moment or later. */
  | 'gewijzigd-na-besluit';

export interface DecisionState {
  status: DecisionStatus;
  /** Set when a taken decision is not validly taken; the list shows it instead of "genomen". */
  problem?: DecisionProblem;
  canTake: boolean;
}

/** What the list shows for a decision: its status, and a problem when "genomen" does not hold. */
export function decisionState(decision: DecisionView, members: readonly ConsentMember[]): DecisionState {
  const state: DecisionState = { status: decision.status, canTake: canTake(decision, members) };
  if (decision.status === 'genomen') {
    if (decision.decidedRound !== undefined && decision.decidedRound !== decision.round) state.problem = 'gewijzigd-na-besluit';
    else if (openObjections(decision, members).length > 0) state.problem = 'bezwaar-na-besluit';
  }
  return state;
}

/** A taken decision whose review date has come (today is `YYYY-MM-DD`). */
export function reviewDue(decision: DecisionView, today: string): boolean {
  return decision.status === 'genomen' && decision.reviewDate !== undefined && decision.reviewDate <= today;
}
