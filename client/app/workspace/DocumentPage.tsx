import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect } from 'wouter';
import { MAX_TITLE_LENGTH } from '../../../shared/members.ts';
import type { DocId } from '../../../shared/rooms.ts';
import { MEETING_SECTIONS } from '../../../shared/schema/meetingTemplate.ts';
import { renameDocument, setDocumentArchived, type DocumentEntry } from '../../../shared/schema/workspaceIndex.ts';
import { caretUserFor } from '../../collab/caretIdentity.ts';
import { useCollabRoom } from '../../collab/useCollabRoom.ts';
import { useConnectionState } from '../../collab/useConnectionState.ts';
import { usePeers } from '../../collab/usePeers.ts';
import { useRoomReady } from '../../collab/useRoomReady.ts';
import type { Editor } from '@tiptap/core';
import { fillAttendees } from '../../editor/fillAttendees.ts';
import { RichTextEditor } from '../../editor/RichTextEditor.tsx';
import { ReadabilityPanel } from '../../readability/ReadabilityPanel.tsx';
import { InlineRename } from '../../ui/InlineRename.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessagePage } from '../../ui/MessagePage.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PresenceBar, type PresencePerson } from '../../ui/PresenceBar.tsx';
import { useMeetingItems } from '../lists/useMeetingItems.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { DocumentExport } from '../exchange/DocumentExport.tsx';
import { RoomStatus } from './RoomStatus.tsx';
import { useMarkChanged } from './useMarkChanged.ts';
import { meetingDate } from './WorkplacePage.tsx';
import { paths, useWorkspaceContext } from './WorkspaceContext.ts';

/**
 * `/w/:workspaceId/d/:docId`: one document, edited together. The document is
 * looked up in the live index first, so a mistyped link never creates a new one.
 */
export function DocumentPage({ docId }: { docId: DocId }) {
  const { t } = useTranslation();
  const { workspaceId, workspace, indexReady, index, indexRoom } = useWorkspaceContext();
  const entry = index.documents.find((doc) => doc.id === docId);
  usePageTitle(entry ? entry.title || t('doc.untitled') : null);

  useEffect(() => {
    const awareness = indexRoom?.provider.awareness;
    awareness?.setLocalStateField('viewing', docId);
    return () => awareness?.setLocalStateField('viewing', null);
  }, [indexRoom, docId]);

  if (!indexReady) return <Loading text={t('doc.loading')} />;
  if (!entry) {
    return (
      <MessagePage
        title={t('doc.notFoundTitle')}
        body={t('doc.notFound')}
        linkLabel={t('doc.back', { name: workspace.name })}
        linkTo={paths.overview(workspaceId)}
      />
    );
  }
  // Decision and action lists have pages of their own.
  if (entry.kind === 'decisions') return <Redirect to={paths.decisions(workspaceId, entry.workplaceId)} replace />;
  if (entry.kind === 'actions') return <Redirect to={paths.actions(workspaceId, entry.workplaceId)} replace />;
  return <DocumentView docId={docId} entry={entry} />;
}

function DocumentView({ docId, entry }: { docId: DocId; entry: DocumentEntry }) {
  const { t } = useTranslation();
  const { workspaceId, workspace, canEdit, indexRoom, index, online } = useWorkspaceContext();
  const { me } = workspace;
  const room = useCollabRoom(workspaceId, docId, me.id);
  const ready = useRoomReady(room);
  const connection = useConnectionState(room);
  const peers = usePeers(room?.provider ?? null, me.id);
  const caretUser = useMemo(() => caretUserFor(me.id, me.name), [me.id, me.name]);
  const editable = canEdit && connection !== 'revoked';
  const title = entry.title || t('doc.untitled');
  const workplace = index.workplaces.find((candidate) => candidate.id === entry.workplaceId);
  const isRichText = entry.kind === 'plan' || entry.kind === 'meeting';
  const [filled, setFilled] = useState<number | null>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  useMarkChanged(room, indexRoom?.doc ?? null, docId, me.name, editable);
  const meetingItems = useMeetingItems(entry, docId);

  const here = new Set(peers.map((peer) => peer.member.id));
  const people: PresencePerson[] = [
    { key: me.id, name: t('presence.you', { name: me.name }), roleLabel: t(`roles.${me.role}`), color: caretUser.color, isYou: true },
    ...peers.map(({ member, color }) => ({
      key: member.id,
      name: member.name,
      roleLabel: t(`roles.${member.role}`),
      color,
      isYou: false,
      where: t('presence.alsoHere'),
    })),
    ...online
      .filter((person) => !here.has(person.member.id))
      .map(({ member, color }) => ({
        key: member.id,
        name: member.name,
        roleLabel: t(`roles.${member.role}`),
        color,
        isYou: false,
        where: t('presence.elsewhere'),
      })),
  ];
  const attendeeNames = [me.name, ...peers.map((peer) => peer.member.name)];

  return (
    <article className="document" aria-labelledby="document-title">
      <p className="breadcrumb">
        {workplace ? (
          <Link href={paths.workplace(workspaceId, workplace.id)}>← {t('doc.back', { name: workplace.title })}</Link>
        ) : (
          <Link href={paths.overview(workspaceId)}>← {t('doc.back', { name: workspace.name })}</Link>
        )}
      </p>
      <header className="document__header">
        <div>
          <h1 id="document-title">{title}</h1>
          <p className="document__kind muted">
            {t(`kinds.${entry.kind}`)}
            {entry.kind === 'meeting' && entry.date ? ` · ${meetingDate(entry.date)}` : ''}
          </p>
        </div>
        <RoomStatus room={room} canEdit={canEdit} />
      </header>
      {entry.archived && <p className="message message--warning">{t('doc.isArchived')}</p>}
      {canEdit && indexRoom && (
        <div className="button-row page-actions">
          <InlineRename
            openLabel={t('rename.open')}
            fieldLabel={t('doc.nameLabel')}
            saveLabel={t('rename.save')}
            cancelLabel={t('rename.cancel')}
            value={entry.title}
            maxLength={MAX_TITLE_LENGTH}
            onSave={(value) => renameDocument(indexRoom.doc, docId, value)}
          />
          <button type="button" className="button button--secondary" onClick={() => setDocumentArchived(indexRoom.doc, docId, !entry.archived)}>
            {entry.archived ? t('archive.restore') : t('doc.archive')}
          </button>
        </div>
      )}
      <PresenceBar label={t('presence.label')} people={people} aloneText={t('presence.alone')} />
      {connection === 'offline' && <Notice tone="warning">{t('connection.offlineHint')}</Notice>}
      {!canEdit && <Notice>{t('doc.viewOnly')}</Notice>}
      {!isRichText ? (
        <Notice>{t('doc.unsupported')}</Notice>
      ) : room && ready ? (
        <RichTextEditor
          doc={room.doc}
          provider={room.provider}
          me={caretUser}
          editable={editable}
          label={t('doc.editorLabel', { title })}
          additions={meetingItems?.additions}
          onEditor={setEditor}
          actions={
            entry.kind === 'meeting'
              ? (editor) => (
                  <>
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => setFilled(fillAttendees(editor, attendeeNames, [MEETING_SECTIONS.attendees, t('meeting.attendeesHeading')]))}
                    >
                      {t('meeting.fillAttendees')}
                    </button>
                    <p className="editor__actions-status" role="status">
                      {filled === null ? '' : filled === 0 ? t('meeting.allThere') : t('meeting.added', { count: filled })}
                    </p>
                    {meetingItems?.buttons(editor)}
                  </>
                )
              : undefined
          }
        />
      ) : (
        <Loading text={t('doc.loading')} />
      )}
      {meetingItems?.summary}
      {isRichText && editor && <ReadabilityPanel editor={editor} docId={docId} indexDoc={indexRoom?.doc ?? null} canEdit={editable} />}
      {isRichText && <DocumentExport workspaceId={workspaceId} docId={docId} title={title} />}
    </article>
  );
}
