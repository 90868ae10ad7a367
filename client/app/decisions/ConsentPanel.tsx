import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import {
  canRespond,
  canWithdraw,
  consentSummary,
  isOpenForConsent,
  ownResponse,
  takeBlocker,
} from '../../../shared/schema/consent.ts';
import {
  MAX_RESPONSE_NOTE_LENGTH,
  rejectDecision,
  respond,
  startReview,
  takeDecision,
  withdrawObjection,
  type DecisionView,
  type ResponseKind,
} from '../../../shared/schema/decisions.ts';
import { ChoiceGroup } from '../../ui/ChoiceGroup.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { todayIso } from '../lists/dates.ts';
import type { Members } from '../lists/useMembers.ts';
import { useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { ConsentOverview } from './ConsentOverview.tsx';

interface ConsentPanelProps {
  doc: Y.Doc;
  decision: DecisionView;
  members: Members;
}

/**
 * Consent on one decision: who responded how and who has not yet, your own
 * response, and taking or rejecting the decision. Every member with edit
 * access has one voice; someone who can only read sees it all but cannot act.
 */
export function ConsentPanel({ doc, decision, members }: ConsentPanelProps) {
  const { t } = useTranslation();
  const { workspace, canEdit } = useWorkspaceContext();
  const me = members.all.find((member) => member.id === workspace.me.id) ?? workspace.me;
  const summary = consentSummary(decision, members.all);
  const open = isOpenForConsent(decision.status);
  const mayRespond = canEdit && canRespond(decision, me);
  const own = ownResponse(decision, me.id);
  const now = (): string => new Date().toISOString();

  return (
    <section className="panel consent" aria-labelledby="consent-title">
      <h2 id="consent-title">{t('decide.consent.title')}</h2>
      <p className="muted">
        {t('decide.consent.round', { round: decision.round })}
        {decision.round > 1 && ` ${t('decide.consent.newRound')}`}
      </p>
      {summary.eligible.length === 0 ? (
        <p className="muted">{t('decide.consent.nobody')}</p>
      ) : (
        <ConsentOverview summary={summary} nameOf={members.nameOf} withNotes />
      )}
      {summary.ignored.length > 0 && (
        <p className="muted">
          {t('decide.consent.ignored', { names: summary.ignored.map((response) => members.nameOf(response.memberId)).join(', ') })}
        </p>
      )}

      {mayRespond && (
        <div className="consent__mine">
          <h3>{t('decide.consent.yourResponse')}</h3>
          <ResponseForm
            key={`${decision.round}-${own?.kind ?? 'none'}-${own?.at ?? ''}`}
            current={own}
            lateWarning={!open}
            onSubmit={(kind, note) => respond(doc, decision.id, me.id, kind, note, now())}
          />
          {canWithdraw(decision, me.id) && (
            <button type="button" className="button button--secondary" onClick={() => withdrawObjection(doc, decision.id, me.id, now())}>
              {t('decide.consent.withdraw')}
            </button>
          )}
        </div>
      )}
      {!canEdit && <p className="muted">{t('decide.consent.viewOnly')}</p>}

      {canEdit && <StatusActions doc={doc} decision={decision} members={members} openObjectionNames={summary.objections.map((response) => members.nameOf(response.memberId))} />}
    </section>
  );
}

interface StatusActionsProps extends ConsentPanelProps {
  openObjectionNames: string[];
}

function StatusActions({ doc, decision, members, openObjectionNames }: StatusActionsProps) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const reasonId = useId();
  const now = (): string => new Date().toISOString();
  if (!isOpenForConsent(decision.status)) {
    return (
      <div className="consent__actions">
        <ConfirmButton
          label={t('decide.consent.review')}
          question={t('decide.consent.reviewQuestion')}
          confirmLabel={t('decide.consent.reviewConfirm')}
          cancelLabel={t('archive.keep')}
          danger={false}
          onConfirm={() => startReview(doc, decision.id, workspace.me.id, now())}
        />
      </div>
    );
  }
  // The rule itself lives in shared/schema/consent.ts; the button only says which part of it blocks.
  const blocker = takeBlocker(decision, members.all);
  const takeable = blocker === null;
  const reason =
    blocker === 'open-objection'
      ? t('decide.consent.cannotTakeObjection', { names: openObjectionNames.join(', ') })
      : blocker === 'no-agreement'
        ? t('decide.consent.cannotTakeNobody')
        : null; // 'not-open' never reaches here: a decision that is not open shows "Opnieuw bespreken" instead
  return (
    <div className="consent__actions">
      <h3>{t('decide.consent.decideTitle')}</h3>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={!takeable}
          aria-describedby={reason ? reasonId : undefined}
          onClick={() => takeDecision(doc, decision.id, workspace.me.id, now(), todayIso())}
        >
          {t('decide.consent.take')}
        </button>
        <ConfirmButton
          label={t('decide.consent.reject')}
          question={t('decide.consent.rejectQuestion')}
          confirmLabel={t('decide.consent.rejectConfirm')}
          cancelLabel={t('archive.keep')}
          onConfirm={() => rejectDecision(doc, decision.id, workspace.me.id, now())}
        />
      </div>
      {reason && (
        <p id={reasonId} className="consent__reason">
          <span aria-hidden="true">⚠ </span>
          {reason}
        </p>
      )}
    </div>
  );
}

interface ResponseFormProps {
  current: { kind: ResponseKind; note: string; withdrawnAt?: string } | undefined;
  /** The decision is already taken or being reviewed: an objection now is an objection after the fact. */
  lateWarning: boolean;
  onSubmit(kind: ResponseKind, note: string): boolean;
}

function ResponseForm({ current, lateWarning, onSubmit }: ResponseFormProps) {
  const { t } = useTranslation();
  const [changing, setChanging] = useState(current === undefined);
  const [kind, setKind] = useState<ResponseKind | null>(current?.kind ?? null);
  const [note, setNote] = useState(current?.note ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const noteId = useId();

  if (current && !changing) {
    return (
      <div className="consent__own">
        <p>
          <strong>{t(`decide.consent.kind.${current.kind}`)}</strong>
          {current.withdrawnAt && ` (${t('decide.consent.withdrawnShort')})`}
          {current.note && `: ${current.note}`}
        </p>
        <button type="button" className="button button--secondary" onClick={() => setChanging(true)}>
          {t('decide.consent.change')}
        </button>
      </div>
    );
  }
  const needsNote = kind === 'bedenkingen' || kind === 'bezwaar';
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!kind) {
      setProblem(t('decide.consent.chooseFirst'));
      return;
    }
    if (needsNote && !note.trim()) {
      setProblem(kind === 'bezwaar' ? t('decide.consent.reasonRequired') : t('decide.consent.noteRequired'));
      return;
    }
    if (onSubmit(kind, note)) {
      setProblem(null);
      setChanging(false);
    }
  };
  return (
    <form className="form consent__form" onSubmit={submit} noValidate>
      {lateWarning && <p className="muted">{t('decide.consent.lateHint')}</p>}
      <ChoiceGroup<ResponseKind>
        legend={t('decide.consent.question')}
        choices={[
          { value: 'eens', label: t('decide.consent.kind.eens'), description: t('decide.consent.kindHint.eens') },
          { value: 'bedenkingen', label: t('decide.consent.kind.bedenkingen'), description: t('decide.consent.kindHint.bedenkingen') },
          { value: 'bezwaar', label: t('decide.consent.kind.bezwaar'), description: t('decide.consent.kindHint.bezwaar') },
        ]}
        value={kind}
        onChange={(value) => {
          setKind(value);
          setProblem(null);
        }}
      />
      {kind && (
        <div className="field">
          <label className="field__label" htmlFor={noteId}>
            {kind === 'bezwaar' ? t('decide.consent.reasonLabel') : kind === 'bedenkingen' ? t('decide.consent.noteLabel') : t('decide.consent.optionalNoteLabel')}
          </label>
          <textarea
            id={noteId}
            className="field__input field__textarea"
            rows={3}
            maxLength={MAX_RESPONSE_NOTE_LENGTH}
            value={note}
            required={needsNote}
            aria-invalid={problem !== null && needsNote && !note.trim() ? true : undefined}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
      )}
      {problem && (
        <p className="message message--error" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button--primary">
          {current ? t('decide.consent.submitChange') : t('decide.consent.submit')}
        </button>
        {current && (
          <button type="button" className="button button--secondary" onClick={() => setChanging(false)}>
            {t('rename.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
