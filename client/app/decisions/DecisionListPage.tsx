import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { decisionsToCsv, decisionsToMarkdown } from '../../../shared/export/listExport.ts';
import { newId } from '../../../shared/ids.ts';
import { isOpenForConsent } from '../../../shared/schema/consent.ts';
import { addDecision, MAX_DECISION_TITLE_LENGTH, readDecisions, type DecisionView } from '../../../shared/schema/decisions.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { Loading } from '../../ui/Loading.tsx';
import { MessagePage } from '../../ui/MessagePage.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { todayIso } from '../lists/dates.ts';
import { ExportButtons } from '../lists/ExportButtons.tsx';
import { useEnsureListEntries } from '../lists/useEnsureListEntries.ts';
import { useDocValue } from '../../collab/useDocValue.ts';
import { useListRoom } from '../lists/useListRoom.ts';
import { useMembers } from '../lists/useMembers.ts';
import { useMeetingTitles, useWorkplace } from '../lists/useWorkplace.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { RoomStatus } from '../workspace/RoomStatus.tsx';
import { paths, useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { DecisionCard } from './DecisionCard.tsx';

const NO_DECISIONS: DecisionView[] = [];

/** `/w/:workspaceId/p/:workplaceId/besluiten`: the workplace's decision list (besluitenlijst). */
export function DecisionListPage({ workplaceId }: { workplaceId: string }) {
  const { t } = useTranslation();
  const { workspaceId, workspace, canEdit, indexReady } = useWorkspaceContext();
  const workplace = useWorkplace(workplaceId);
  const { room, ready } = useListRoom('decisions', workplace ? workplaceId : null);
  const decisions = useDocValue(room?.doc ?? null, readDecisions, NO_DECISIONS);
  const members = useMembers();
  const meetingTitles = useMeetingTitles();
  useEnsureListEntries(workplace ? workplaceId : null);
  const workplaceTitle = workplace?.title || t('workplace.untitled');
  usePageTitle(workplace ? `${t('decide.decisions.title')}: ${workplaceTitle}` : null);

  if (!indexReady) return <Loading text={t('workspace.indexLoading')} />;
  if (!workplace) {
    return (
      <MessagePage
        title={t('workplace.notFoundTitle')}
        body={t('workplace.notFound')}
        linkLabel={t('doc.back', { name: workspace.name })}
        linkTo={paths.overview(workspaceId)}
      />
    );
  }
  const today = todayIso();
  const groups = [
    { key: 'open', title: canEdit ? t('decide.decisions.groupOpen') : t('decide.decisions.groupOpenReadOnly'), items: decisions.filter((decision) => isOpenForConsent(decision.status)) },
    { key: 'taken', title: t('decide.decisions.groupTaken'), items: decisions.filter((decision) => decision.status === 'genomen') },
    { key: 'rejected', title: t('decide.decisions.groupRejected'), items: decisions.filter((decision) => decision.status === 'verworpen') },
  ];
  const exportOptions = () => ({ members: members.all, language: currentLanguage(), meetingTitles, today, title: `${t('decide.decisions.title')}: ${workplaceTitle}` });

  return (
    <article aria-labelledby="decisions-title">
      <p className="breadcrumb">
        <Link href={paths.workplace(workspaceId, workplaceId)}>← {t('doc.back', { name: workplaceTitle })}</Link>
      </p>
      <header className="page-header">
        <div>
          <h1 id="decisions-title">{t('decide.decisions.title')}</h1>
          <p className="muted page-header__sub">{workplaceTitle}</p>
        </div>
        <RoomStatus room={room} canEdit={canEdit} />
      </header>
      {!canEdit && <Notice>{t('decide.viewOnly')}</Notice>}
      <p className="intro">{t('decide.decisions.intro')}</p>
      <div className="list-toolbar">
        {canEdit && room && <NewDecisionForm workplaceId={workplaceId} onCreate={(input) => addDecision(room.doc, input)} />}
        <ExportButtons
          nameParts={[t('decide.decisions.fileName'), workplaceTitle, today]}
          disabled={!ready}
          csv={() => decisionsToCsv(decisions, exportOptions())}
          markdown={() => decisionsToMarkdown(decisions, exportOptions())}
        />
      </div>
      {!ready ? (
        <Loading text={t('decide.loading')} />
      ) : decisions.length === 0 ? (
        <p className="panel muted">{t('decide.decisions.none')}</p>
      ) : (
        groups
          .filter((group) => group.items.length > 0)
          .map((group) => (
            <section key={group.key} className="list-group" aria-labelledby={`group-${group.key}`}>
              <h2 id={`group-${group.key}`}>
                {group.title} ({group.items.length})
              </h2>
              <ul className="decision-list">
                {group.items.map((decision) => (
                  <DecisionCard
                    key={decision.id}
                    decision={decision}
                    workplaceId={workplaceId}
                    members={members.all}
                    nameOf={members.nameOf}
                    today={today}
                  />
                ))}
              </ul>
            </section>
          ))
      )}
    </article>
  );
}

interface NewDecisionFormProps {
  workplaceId: string;
  onCreate(input: Parameters<typeof addDecision>[1]): boolean;
}

/** "Nieuw voorstel": a title and, if wanted, an explanation; then straight to the proposal. */
function NewDecisionForm({ workplaceId, onCreate }: NewDecisionFormProps) {
  const { t } = useTranslation();
  const { workspaceId, workspace } = useWorkspaceContext();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [explanation, setExplanation] = useState('');
  const titleId = useId();
  const explanationId = useId();
  if (!open) {
    return (
      <button type="button" className="button button--primary" onClick={() => setOpen(true)}>
        {t('decide.decisions.new')}
      </button>
    );
  }
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!title.trim()) return;
    const id = newId();
    if (onCreate({ id, title, explanation, proposedBy: workspace.me.id, at: new Date().toISOString() })) {
      navigate(paths.decision(workspaceId, workplaceId, id));
    }
  };
  return (
    <form className="form panel new-item-form" onSubmit={submit} aria-labelledby={`${titleId}-heading`}>
      <h2 id={`${titleId}-heading`}>{t('decide.decisions.new')}</h2>
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
          autoFocus
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={explanationId}>
          {t('decide.decisions.explanationLabel')}
        </label>
        <textarea
          id={explanationId}
          className="field__input field__textarea"
          rows={3}
          value={explanation}
          onChange={(event) => setExplanation(event.target.value)}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={!title.trim()}>
          {t('decide.decisions.create')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('rename.cancel')}
        </button>
      </div>
    </form>
  );
}
