import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { CreatableKind } from '../../../shared/api.ts';
import { MAX_TITLE_LENGTH } from '../../../shared/members.ts';
import { dutchDate } from '../../../shared/schema/meetingTemplate.ts';
import {
  deleteDocument,
  meetingsNewestFirst,
  moveDocument,
  moveWorkplace,
  renameWorkplace,
  setDocumentArchived,
  setWorkplaceArchived,
  type DocumentEntry,
} from '../../../shared/schema/workspaceIndex.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { InlineRename } from '../../ui/InlineRename.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessagePage } from '../../ui/MessagePage.tsx';
import { errorText } from '../errorText.ts';
import { WorkplaceListLinks } from '../lists/WorkplaceListLinks.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { WorkplaceExchange } from '../exchange/WorkplaceExchange.tsx';
import { newDocument } from './newDocument.ts';
import { RoomStatus } from './RoomStatus.tsx';
import { paths, useWorkspaceContext } from './WorkspaceContext.ts';

/** `/w/:workspaceId/p/:workplaceId`: one workplace: its plans, its meetings (newest first), its archive. */
export function WorkplacePage({ workplaceId }: { workplaceId: string }) {
  const { t } = useTranslation();
  const { workspaceId, workspace, canEdit, indexRoom, indexReady, index } = useWorkspaceContext();
  const workplace = index.workplaces.find((entry) => entry.id === workplaceId);
  usePageTitle(workplace ? workplace.title : null);
  if (!indexReady) return <Loading text={t('workspace.indexLoading')} />;
  if (!workplace || !indexRoom) {
    return (
      <MessagePage
        title={t('workplace.notFoundTitle')}
        body={t('workplace.notFound')}
        linkLabel={t('doc.back', { name: workspace.name })}
        linkTo={paths.overview(workspaceId)}
      />
    );
  }
  const doc = indexRoom.doc;
  const documents = index.documents.filter((entry) => entry.workplaceId === workplaceId);
  const active = documents.filter((entry) => !entry.archived);
  const plans = active.filter((entry) => entry.kind === 'plan');
  const meetings = meetingsNewestFirst(active);
  const archived = documents.filter((entry) => entry.archived);
  const title = workplace.title || t('workplace.untitled');

  return (
    <article aria-labelledby="workplace-title">
      <p className="breadcrumb">
        <Link href={paths.overview(workspaceId)}>← {t('doc.back', { name: workspace.name })}</Link>
      </p>
      <header className="page-header">
        <h1 id="workplace-title">{title}</h1>
        <RoomStatus room={indexRoom} canEdit={canEdit} />
      </header>
      {workplace.archived && <p className="message message--warning">{t('workplace.isArchived')}</p>}
      {canEdit && (
        <div className="button-row page-actions">
          <InlineRename
            openLabel={t('rename.open')}
            fieldLabel={t('workplace.nameLabel')}
            saveLabel={t('rename.save')}
            cancelLabel={t('rename.cancel')}
            value={workplace.title}
            maxLength={MAX_TITLE_LENGTH}
            onSave={(value) => renameWorkplace(doc, workplaceId, value)}
          />
          {!workplace.archived && (
            <>
              <button type="button" className="button button--secondary" onClick={() => moveWorkplace(doc, workplaceId, -1)}>
                {t('workplace.moveUp')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => moveWorkplace(doc, workplaceId, 1)}>
                {t('workplace.moveDown')}
              </button>
            </>
          )}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setWorkplaceArchived(doc, workplaceId, !workplace.archived)}
          >
            {workplace.archived ? t('archive.restore') : t('workplace.archive')}
          </button>
        </div>
      )}
      <WorkplaceListLinks workplaceId={workplaceId} />
      <div className="columns">
        <section className="panel" aria-labelledby="plans-title">
          <h2 id="plans-title">{t('workplace.plans')}</h2>
          <DocumentList documents={plans} empty={t('workplace.noPlans')} movable={canEdit} />
          {canEdit && <NewDocumentButton workplaceId={workplaceId} kind="plan" />}
        </section>
        <section className="panel" aria-labelledby="meetings-title">
          <h2 id="meetings-title">{t('workplace.meetings')}</h2>
          <DocumentList documents={meetings} empty={t('workplace.noMeetings')} />
          {canEdit && <NewMeetingForm workplaceId={workplaceId} />}
        </section>
      </div>
      <WorkplaceExchange workplaceId={workplaceId} workplaceTitle={title} />
      {archived.length > 0 && (
        <section className="panel" aria-labelledby="archived-docs-title">
          <h2 id="archived-docs-title">{t('workplace.archivedDocuments')}</h2>
          <ul className="archive-list">
            {archived.map((entry) => (
              <li key={entry.id} className="archive-list__item">
                <span className="archive-list__title">{entry.title || t('doc.untitled')}</span>
                {canEdit && (
                  <div className="button-row">
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t('archive.restoreLabel', { title: entry.title })}
                      onClick={() => setDocumentArchived(doc, entry.id, false)}
                    >
                      {t('archive.restore')}
                    </button>
                    <ConfirmButton
                      label={t('archive.delete')}
                      ariaLabel={t('archive.deleteLabel', { title: entry.title })}
                      question={t('archive.deleteDocumentQuestion', { title: entry.title })}
                      confirmLabel={t('archive.deleteConfirm')}
                      cancelLabel={t('archive.keep')}
                      onConfirm={() => deleteDocument(doc, entry.id)}
                    />
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

interface DocumentListProps {
  documents: readonly DocumentEntry[];
  empty: string;
  /** Show "higher / lower" buttons (plans; meetings are ordered by date). */
  movable?: boolean;
}

function DocumentList({ documents, empty, movable = false }: DocumentListProps) {
  const { t } = useTranslation();
  const { workspaceId, indexRoom } = useWorkspaceContext();
  if (documents.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="card-list">
      {documents.map((entry, position) => (
        <li key={entry.id} className={movable && documents.length > 1 ? 'card-list__movable' : undefined}>
          <Link href={paths.document(workspaceId, entry.id)} className="card-link">
            <span className="card-link__title">{entry.title || t('doc.untitled')}</span>
            <span className="card-link__meta">
              {entry.kind === 'meeting' && entry.date ? meetingDate(entry.date) : t(`kinds.${entry.kind}`)}
            </span>
          </Link>
          {movable && indexRoom && documents.length > 1 && (
            <div className="button-row">
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={position === 0}
                aria-label={t('workplace.moveDocumentUp', { title: entry.title })}
                onClick={() => moveDocument(indexRoom.doc, entry.id, -1)}
              >
                {t('workplace.up')}
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={position === documents.length - 1}
                aria-label={t('workplace.moveDocumentDown', { title: entry.title })}
                onClick={() => moveDocument(indexRoom.doc, entry.id, 1)}
              >
                {t('workplace.down')}
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A meeting's date in the reader's language. */
export function meetingDate(isoDate: string): string {
  if (currentLanguage() === 'nl') return dutchDate(isoDate);
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}

function NewDocumentButton({ workplaceId, kind }: { workplaceId: string; kind: CreatableKind }) {
  const { t } = useTranslation();
  const { workspaceId, indexRoom } = useWorkspaceContext();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const create = async (): Promise<void> => {
    if (!indexRoom) return;
    setBusy(true);
    setProblem(null);
    try {
      const created = await newDocument(workspaceId, indexRoom.doc, workplaceId, kind);
      navigate(paths.document(workspaceId, created.docId));
    } catch (error) {
      setProblem(errorText(error, t));
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button button--primary" disabled={busy} onClick={() => void create()}>
        {busy ? t('workplace.creating') : t('workplace.newPlan')}
      </button>
      <ErrorMessage text={problem} />
    </>
  );
}

function todayIso(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function NewMeetingForm({ workplaceId }: { workplaceId: string }) {
  const { t } = useTranslation();
  const { workspaceId, indexRoom } = useWorkspaceContext();
  const [, navigate] = useLocation();
  const dateId = useId();
  const titleId = useId();
  const [date, setDate] = useState(todayIso);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!indexRoom || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    setBusy(true);
    setProblem(null);
    try {
      const created = await newDocument(workspaceId, indexRoom.doc, workplaceId, 'meeting', {
        date,
        ...(title.trim() && { title: title.trim() }),
      });
      navigate(paths.document(workspaceId, created.docId));
    } catch (error) {
      setProblem(errorText(error, t));
      setBusy(false);
    }
  };
  return (
    <form className="form new-meeting" onSubmit={(event) => void submit(event)} aria-label={t('workplace.newMeeting')}>
      <h3>{t('workplace.newMeeting')}</h3>
      <div className="field">
        <label className="field__label" htmlFor={dateId}>
          {t('workplace.meetingDate')}
        </label>
        <input id={dateId} className="field__input" type="date" value={date} required onChange={(event) => setDate(event.target.value)} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={titleId}>
          {t('workplace.meetingTitle')}
        </label>
        <p className="field__hint">{t('workplace.meetingTitleHint')}</p>
        <input id={titleId} className="field__input" value={title} maxLength={MAX_TITLE_LENGTH} onChange={(event) => setTitle(event.target.value)} />
      </div>
      <ErrorMessage text={problem} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('workplace.creating') : t('workplace.createMeeting')}
      </button>
    </form>
  );
}
