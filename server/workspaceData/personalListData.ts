/**
 * What the decision and action lists hold about one member, for "my data"
 * (personalData.ts), read through the lists' own schema
 * (shared/schema/decisions.ts, actions.ts). A scan for the member id in the
 * lists' raw data would miss the most personal part: a consent response is
 * stored under a key `<memberId>/<round>` and an owner as a key of the
 * owners map, so neither value names the member.
 */
import { roomName, type DocId, type WorkspaceId } from '../../shared/rooms.ts';
import { readActions } from '../../shared/schema/actions.ts';
import { readDecisions, type ResponseKind } from '../../shared/schema/decisions.ts';
import { workplaceOfListDoc } from '../../shared/schema/listDocuments.ts';
import type { Storage } from '../storage/Storage.ts';
import { loadStoredDoc } from '../sync/loadStoredDoc.ts';

export interface PersonalListData {
  /** Every consent response the member gave, in every round. */
  consentResponses: {
    workplace: string;
    decision: string;
    decisionId: string;
    round: number;
    /** False for a response to an earlier round (the proposal changed since). */
    currentRound: boolean;
    kind: ResponseKind;
    note: string;
    at: string;
    withdrawnAt?: string;
  }[];
  decisionsProposed: { workplace: string; decision: string; decisionId: string; status: string; createdAt: string }[];
  /** Changes the member made to decisions (status, dates, title …), from each decision's history. */
  decisionChanges: { workplace: string; decision: string; decisionId: string; at: string; field: string; value: string }[];
  /** Actions the member owns, created or marked done. */
  actions: {
    workplace: string;
    what: string;
    actionId: string;
    due?: string;
    done: boolean;
    doneAt?: string;
    owner: boolean;
    createdByYou: boolean;
    markedDoneByYou: boolean;
  }[];
}

export async function collectListData(
  storage: Storage,
  workspaceId: string,
  memberId: string,
  workplaceTitle: (workplaceId: string) => string,
): Promise<PersonalListData> {
  const out: PersonalListData = { consentResponses: [], decisionsProposed: [], decisionChanges: [], actions: [] };
  for (const record of await storage.listDocuments(workspaceId)) {
    const list = workplaceOfListDoc(record.docId);
    if (!list) continue;
    const workplace = workplaceTitle(list.workplaceId);
    const { doc } = await loadStoredDoc(storage, roomName(workspaceId as WorkspaceId, record.docId as DocId));
    try {
      if (list.kind === 'decisions') {
        for (const decision of readDecisions(doc)) {
          const about = { workplace, decision: decision.title, decisionId: decision.id };
          for (const response of decision.responses) {
            if (response.memberId !== memberId) continue;
            out.consentResponses.push({
              ...about,
              round: response.round,
              currentRound: response.round === decision.round,
              kind: response.kind,
              note: response.note,
              at: response.at,
              ...(response.withdrawnAt && { withdrawnAt: response.withdrawnAt }),
            });
          }
          if (decision.proposedBy === memberId) out.decisionsProposed.push({ ...about, status: decision.status, createdAt: decision.createdAt });
          for (const change of decision.history) {
            if (change.by === memberId) out.decisionChanges.push({ ...about, at: change.at, field: change.field, value: change.value });
          }
        }
      } else {
        for (const action of readActions(doc)) {
          const owner = action.owners.includes(memberId);
          const createdByYou = action.createdBy === memberId;
          const markedDoneByYou = action.doneBy === memberId;
          if (!owner && !createdByYou && !markedDoneByYou) continue;
          out.actions.push({
            workplace,
            what: action.what,
            actionId: action.id,
            ...(action.due && { due: action.due }),
            done: action.done,
            ...(action.doneAt && { doneAt: action.doneAt }),
            owner,
            createdByYou,
            markedDoneByYou,
          });
        }
      }
    } finally {
      doc.destroy();
    }
  }
  return out;
}
