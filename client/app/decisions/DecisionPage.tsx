import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type * as Y from 'yjs';
import { decisionState, reviewDue } from '../../../shared/schema/consent.ts';
import {
  explanationFragment,
  MAX_DECISION_TITLE_LENGTH,
  readDecisionById,
  reviseProposal,
  setReviewDate,
  type DecisionView,
} from '../../../shared/schema/decisions.ts';
import { Loading } from '../../ui/Loading.tsx';
import { MessagePage } from '../../ui/MessagePage.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { formatDay, localDayOf, todayIso } from '../lists/dates.ts';
import { useDocValue } from '../../collab/useDocValue.ts';
import { useListRoom } from '../lists/useListRoom.ts';
import { useMembers } from '../lists/useMembers.ts';
import { useWorkplace } from '../lists/useWorkplace.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { RoomStatus } from '../workspace/RoomStatus.tsx';
import { paths, useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { ConsentPanel } from './ConsentPanel.tsx';
import { DecisionActions } from './DecisionActions.tsx';
import { DecisionHistory } from './DecisionHistory.tsx';
import { ExplanationEditor } from './ExplanationEditor.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** `/w/:workspaceId/p/:workplaceId/besluiten/:decisionId`: one decision, its consent round and its history. */
export function DecisionPage({ workplaceId, decisionId }: { workplaceId: string; decisionId: string }) {
  const { t } = useTranslation();
  const { workspaceId, workspace, canEdit, indexReady, index } = useWorkspaceContext();
  const workplace = useWorkplace(workplaceId);
  const { room, ready } = useListRoom('decisions', workplace ? workplaceId : null);
  const readThis = useCallback((doc: Y.Doc) => readDecisionById(doc, decisionId), [decisionId]);
  const decision = useDocValue(room?.doc ?? null, readThis, null);
  const members = useMembers();
  const workplaceTitle = workplace?.title || t('workplace.untitled');
  usePageTitle(decision ? decision.title || t('decide.decisions.untitled') : null);

  if (!indexReady || (workplace && !ready)) return <Loading text={t('decide.loading')} />;
  if (!workplace || !room || !decision) {
    return (
      <MessagePage
        title={t('decide.decision.notFoundTitle')}
        body={t('decide.decision.notFound')}
        linkLabel={workplace ? t('doc.back', { name: t('decide.decisions.title') }) : t('doc.back', { name: workspace.name })}
        linkTo={workplace ? paths.decisions(workspaceId, workplaceId) : paths.overview(workspaceId)}
      />
    );
  }
  const doc = room.doc;
  const state = decisionState(decision, members.all);
  const meeting = decision.meetingDocId ? index.documents.find((entry) => entry.id === decision.meetingDocId) : undefined;
  const today = todayIso();

  return (
    <article className="decision-page" aria-labelledby="decision-title">
      <p className="breadcrumb">
        <Link href={paths.decisions(workspaceId, workplaceId)}>
          ← {t('doc.back', { name: `${t('decide.decisions.title')} ${workplaceTitle}` })}
        </Link>
      </p>
      <header className="page-header">
        <div>
          <p className="muted page-header__kicker">{t('decide.decision.kicker')}</p>
          <h1 id="decision-title">{decision.title || t('decide.decisions.untitled')}</h1>
          <StatusBadge state={state} />
        </div>
        <RoomStatus room={room} canEdit={canEdit} />
      </header>
      {!canEdit && <Notice>{t('decide.viewOnly')}</Notice>}
      {state.problem && <Notice tone="warning">{t(`decide.problemHint.${state.problem}`)}</Notice>}

      <dl className="facts">
        <div>
          <dt>{t('decide.decision.proposedBy')}</dt>
          <dd>
            {members.nameOf(decision.proposedBy)}, {formatDay(localDayOf(decision.createdAt))}
          </dd>
        </div>
        {decision.decidedOn && (
          <div>
            <dt>{t('decide.decision.decidedOn')}</dt>
            <dd>{formatDay(decision.decidedOn)}</dd>
          </div>
        )}
        <div>
          <dt>{t('decide.decision.meeting')}</dt>
          <dd>{meeting ? <Link href={paths.document(workspaceId, meeting.id)}>{meeting.title || t('doc.untitled')}</Link> : t('decide.decision.noMeeting')}</dd>
        </div>
        <div>
          <dt>{t('decide.decision.reviewDate')}</dt>
          <dd>
            {decision.reviewDate ? (
              <span className={reviewDue(decision, today) ? 'attention' : undefined}>
                {reviewDue(decision, today) && <span aria-hidden="true">⚑ </span>}
                {formatDay(decision.reviewDate)}
                {reviewDue(decision, today) && ` (${t('decide.decision.reviewNow')})`}
              </span>
            ) : (
              t('decide.decision.noReviewDate')
            )}
            {canEdit && <ReviewDateForm doc={doc} decision={decision} />}
          </dd>
        </div>
      </dl>

      <Proposal doc={doc} decision={decision} />
      <ConsentPanel doc={doc} decision={decision} members={members} />
      <DecisionActions workplaceId={workplaceId} decisionId={decision.id} members={members} />
      <DecisionHistory decision={decision} nameOf={members.nameOf} />
    </article>
  );
}

/**
 * The proposal itself: title and explanation. Changing it asks everyone again:
 * the new consent round starts when the person presses "Klaar" (or leaves),
 * so every answer in the new round is to the finished text.
 */
function Proposal({ doc, decision }: { doc: Y.Doc; decision: DecisionView }) {
  const { t } = useTranslation();
  const { workspace, canEdit } = useWorkspaceContext();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(decision.title);
  const changed = useRef(false);
  const fragment = explanationFragment(doc, decision.id);
  const titleId = useId();
  const canChange = canEdit && decision.status !== 'verworpen';

  const finish = useCallback(
    (newTitle: string | null) => {
      const titleChanged = newTitle !== null && newTitle.trim() !== '' && newTitle.trim() !== decision.title;
      if (titleChanged || changed.current) {
        reviseProposal(doc, decision.id, titleChanged ? { title: newTitle } : {}, workspace.me.id, new Date().toISOString());
      }
      changed.current = false;
    },
    [doc, decision.id, decision.title, workspace.me.id],
  );
  // Leaving the page while editing still starts the new round for an explanation that changed.
  const finishRef = useRef(finish);
  finishRef.current = finish;
  useEffect(() => () => finishRef.current(null), []);

  const onLocalChange = useCallback(() => {
    changed.current = true;
  }, []);

  const done = (event: FormEvent): void => {
    event.preventDefault();
    finish(title);
    setEditing(false);
  };

  return (
    <section className="panel" aria-labelledby="proposal-title">
      <h2 id="proposal-title">{t('decide.decision.proposal')}</h2>
      {editing ? (
        <form className="form proposal-form" onSubmit={done}>
          <Notice tone="warning">{t('decide.decision.editWarning')}</Notice>
          <div className="field">
            <label className="field__label" htmlFor={titleId}>
              {t('decide.decisions.titleLabel')}
            </label>
            <input
              id={titleId}
              className="field__input"
              value={title}
              required
              maxLength={MAX_DECISION_TITLE_LENGTH}
              onChange={(event) => setTitle(event.target.value)}
            />
          </div>
          <div className="field">
            <span className="field__label" id={`${titleId}-explanation`}>
              {t('decide.decision.explanation')}
            </span>
            {fragment && (
              <ExplanationEditor
                fragment={fragment}
                editable
                label={t('decide.decision.explanation')}
                onLocalChange={onLocalChange}
              />
            )}
          </div>
          <button type="submit" className="button button--primary">
            {t('decide.decision.editDone')}
          </button>
        </form>
      ) : (
        <>
          <h3 className="visually-hidden">{t('decide.decision.explanation')}</h3>
          {fragment && decision.explanationText ? (
            <ExplanationEditor fragment={fragment} editable={false} label={t('decide.decision.explanation')} onLocalChange={onLocalChange} />
          ) : (
            <p className="muted">{t('decide.decision.noExplanation')}</p>
          )}
          {canChange && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setTitle(decision.title);
                setEditing(true);
              }}
            >
              {t('decide.decision.edit')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function ReviewDateForm({ doc, decision }: { doc: Y.Doc; decision: DecisionView }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(decision.reviewDate ?? '');
  const id = useId();
  if (!open) {
    return (
      <button
        type="button"
        className="button button--secondary button--small facts__button"
        onClick={() => {
          setValue(decision.reviewDate ?? '');
          setOpen(true);
        }}
      >
        {decision.reviewDate ? t('decide.decision.changeReviewDate') : t('decide.decision.setReviewDate')}
      </button>
    );
  }
  const save = (date: string | null): void => {
    setReviewDate(doc, decision.id, date, workspace.me.id, new Date().toISOString());
    setOpen(false);
  };
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (/^\d{4}-\d{2}-\d{2}$/.test(value)) save(value);
      }}
    >
      <label className="field__label" htmlFor={id}>
        {t('decide.decision.reviewDateLabel')}
      </label>
      <input id={id} className="field__input" type="date" value={value} required onChange={(event) => setValue(event.target.value)} />
      <div className="button-row">
        <button type="submit" className="button button--primary">
          {t('rename.save')}
        </button>
        {decision.reviewDate && (
          <button type="button" className="button button--secondary" onClick={() => save(null)}>
            {t('decide.decision.clearReviewDate')}
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('rename.cancel')}
        </button>
      </div>
    </form>
  );
}

