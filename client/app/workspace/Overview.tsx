import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { newId } from '../../../shared/ids.ts';
import { MAX_TITLE_LENGTH } from '../../../shared/members.ts';
import {
  addWorkplace,
  deleteWorkplace,
  nextWorkplaceOrder,
  recentlyChanged,
  setWorkplaceArchived,
} from '../../../shared/schema/workspaceIndex.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { WorkspaceListLinks } from '../lists/WorkspaceListLinks.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { OnlineList } from './OnlineList.tsx';
import { RoomStatus } from './RoomStatus.tsx';
import { paths, useWorkspaceContext } from './WorkspaceContext.ts';

/** `/w/:workspaceId`: the workplaces and their documents, who is online, what changed. */
export function Overview() {
  const { t } = useTranslation();
  const { workspaceId, workspace, canEdit, indexRoom, indexReady, index, online } = useWorkspaceContext();
  usePageTitle(workspace.name);
  const workplaces = index.workplaces.filter((workplace) => !workplace.archived);
  const archived = index.workplaces.filter((workplace) => workplace.archived);
  const visibleDocuments = index.documents.filter(
    (doc) => !doc.archived && workplaces.some((workplace) => workplace.id === doc.workplaceId),
  );
  const recent = recentlyChanged(visibleDocuments, 5);
  const timeFormat = new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <>
      <header className="page-header">
        <h1>{workspace.name}</h1>
        <RoomStatus room={indexRoom} canEdit={canEdit} />
      </header>
      <nav className="subnav" aria-label={t('overview.navLabel')}>
        <Link href={paths.members(workspaceId)} className="button button--secondary">
          {canEdit ? t('overview.toMembersAndInvites') : t('overview.toMembers')}
        </Link>
        <WorkspaceListLinks />
      </nav>
      {!canEdit && <Notice>{t('workspace.viewOnlyNotice')}</Notice>}
      <div className="columns">
        <section className="panel" aria-labelledby="workplaces-title">
          <h2 id="workplaces-title">{t('workspace.workplaces')}</h2>
          {!indexReady ? (
            <Loading text={t('workspace.indexLoading')} />
          ) : workplaces.length === 0 ? (
            <p>{t('workspace.noWorkplaces')}</p>
          ) : (
            workplaces.map((workplace) => {
              const docs = visibleDocuments.filter((doc) => doc.workplaceId === workplace.id);
              return (
                <section key={workplace.id} className="workplace" aria-labelledby={`wp-${workplace.id}`}>
                  <h3 id={`wp-${workplace.id}`}>
                    <Link href={paths.workplace(workspaceId, workplace.id)}>{workplace.title || t('workplace.untitled')}</Link>
                  </h3>
                  {docs.length === 0 ? (
                    <p className="muted">{t('workspace.noDocuments')}</p>
                  ) : (
                    <ul className="card-list">
                      {docs.map((doc) => (
                        <li key={doc.id}>
                          <Link href={paths.document(workspaceId, doc.id)} className="card-link">
                            <span className="card-link__title">{doc.title || t('doc.untitled')}</span>
                            <span className="card-link__meta">{t(`kinds.${doc.kind}`)}</span>
                          </Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              );
            })
          )}
          {canEdit && indexReady && <NewWorkplace />}
        </section>
        <div>
          <section className="panel" aria-labelledby="online-title">
            <h2 id="online-title">{t('overview.online')}</h2>
            <OnlineList online={online} documents={index.documents} />
          </section>
          <section className="panel" aria-labelledby="recent-title">
            <h2 id="recent-title">{t('overview.recent')}</h2>
            {recent.length === 0 ? (
              <p className="muted">{t('overview.noRecent')}</p>
            ) : (
              <ul className="recent-list">
                {recent.map((doc) => (
                  <li key={doc.id}>
                    <Link href={paths.document(workspaceId, doc.id)}>{doc.title || t('doc.untitled')}</Link>
                    <span className="muted">
                      {' '}
                      {t('overview.changedBy', { name: doc.changedBy ?? '', time: timeFormat.format(new Date(doc.changedAt ?? 0)) })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {archived.length > 0 && (
            <section className="panel" aria-labelledby="archived-title">
              <h2 id="archived-title">{t('overview.archivedWorkplaces')}</h2>
              <ul className="archive-list">
                {archived.map((workplace) => (
                  <li key={workplace.id} className="archive-list__item">
                    <span className="archive-list__title">{workplace.title}</span>
                    {canEdit && indexRoom && (
                      <div className="button-row">
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={t('archive.restoreLabel', { title: workplace.title })}
                          onClick={() => setWorkplaceArchived(indexRoom.doc, workplace.id, false)}
                        >
                          {t('archive.restore')}
                        </button>
                        <ConfirmButton
                          label={t('archive.delete')}
                          ariaLabel={t('archive.deleteLabel', { title: workplace.title })}
                          question={t('archive.deleteWorkplaceQuestion', { title: workplace.title })}
                          confirmLabel={t('archive.deleteConfirm')}
                          cancelLabel={t('archive.keep')}
                          onConfirm={() => deleteWorkplace(indexRoom.doc, workplace.id)}
                        />
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </>
  );
}

function NewWorkplace() {
  const { t } = useTranslation();
  const { indexRoom } = useWorkspaceContext();
  const id = useId();
  const [title, setTitle] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed || !indexRoom) return;
    const doc = indexRoom.doc;
    addWorkplace(doc, { id: newId(), title: trimmed, order: nextWorkplaceOrder(doc), createdAt: new Date().toISOString() });
    setTitle('');
  };
  return (
    <form className="inline-form new-workplace" onSubmit={submit}>
      <label className="field__label" htmlFor={id}>
        {t('overview.newWorkplace')}
      </label>
      <input id={id} className="field__input" value={title} maxLength={MAX_TITLE_LENGTH} onChange={(event) => setTitle(event.target.value)} />
      <button type="submit" className="button button--primary" disabled={!title.trim()}>
        {t('overview.addWorkplace')}
      </button>
    </form>
  );
}
