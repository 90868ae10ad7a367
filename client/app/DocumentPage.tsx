import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { WorkspaceView } from '../../shared/api.ts';
import { INDEX_DOC_ID, type DocId, type WorkspaceId } from '../../shared/rooms.ts';
import type { DocumentEntry } from '../../shared/schema/workspaceIndex.ts';
import { caretUserFor } from '../collab/caretIdentity.ts';
import { useCollabRoom } from '../collab/useCollabRoom.ts';
import { useConnectionState } from '../collab/useConnectionState.ts';
import { usePeers } from '../collab/usePeers.ts';
import { useSynced } from '../collab/useSynced.ts';
import { useWorkspaceIndex } from '../collab/useWorkspaceIndex.ts';
import { RichTextEditor } from '../editor/RichTextEditor.tsx';
import { ConnectionBadge } from '../ui/ConnectionBadge.tsx';
import { Loading } from '../ui/Loading.tsx';
import { MessagePage } from '../ui/MessagePage.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PresenceBar, type PresencePerson } from '../ui/PresenceBar.tsx';
import { usePageTitle } from './usePageTitle.ts';
import { WorkspaceGate } from './WorkspaceGate.tsx';

interface DocumentPageProps {
  workspaceId: WorkspaceId;
  docId: DocId;
}

/** `/w/:workspaceId/d/:docId`: one document, edited together. Loaded lazily (it brings TipTap). */
export default function DocumentPage({ workspaceId, docId }: DocumentPageProps) {
  return (
    <WorkspaceGate workspaceId={workspaceId}>
      {(workspace) => <DocumentLookup workspaceId={workspaceId} docId={docId} workspace={workspace} />}
    </WorkspaceGate>
  );
}

/** Finds the document in the live index first, so a mistyped link never creates a new document. */
function DocumentLookup({ workspaceId, docId, workspace }: DocumentPageProps & { workspace: WorkspaceView }) {
  const { t } = useTranslation();
  const indexRoom = useCollabRoom(workspaceId, INDEX_DOC_ID);
  const indexSynced = useSynced(indexRoom?.provider ?? null);
  const { documents } = useWorkspaceIndex(indexRoom?.doc ?? null);
  const entry = documents.find((doc) => doc.id === docId);
  const workspaceHref = `/w/${encodeURIComponent(workspaceId)}`;
  usePageTitle(entry ? entry.title || t('doc.untitled') : null);

  if (!indexSynced) return <Loading text={t('doc.loading')} />;
  if (!entry) {
    return (
      <MessagePage
        title={t('doc.notFoundTitle')}
        body={t('doc.notFound')}
        linkLabel={t('doc.back', { name: workspace.name })}
        linkTo={workspaceHref}
      />
    );
  }
  return <DocumentView workspaceId={workspaceId} docId={docId} workspace={workspace} entry={entry} />;
}

interface DocumentViewProps extends DocumentPageProps {
  workspace: WorkspaceView;
  entry: DocumentEntry;
}

function DocumentView({ workspaceId, docId, workspace, entry }: DocumentViewProps) {
  const { t } = useTranslation();
  const room = useCollabRoom(workspaceId, docId);
  const provider = room?.provider ?? null;
  const synced = useSynced(provider);
  const connection = useConnectionState(provider);
  const { me } = workspace;
  const peers = usePeers(provider, me.id);
  const caretUser = useMemo(() => caretUserFor(me.id, me.name), [me.id, me.name]);
  const editable = me.access === 'edit';
  const title = entry.title || t('doc.untitled');
  const isRichText = entry.kind === 'plan' || entry.kind === 'meeting';

  const people: PresencePerson[] = [
    { key: me.id, name: t('presence.you', { name: me.name }), roleLabel: t(`roles.${me.role}`), color: caretUser.color, isYou: true },
    ...peers.map(({ member, color }) => ({
      key: member.id,
      name: member.name,
      roleLabel: t(`roles.${member.role}`),
      color,
      isYou: false,
    })),
  ];

  return (
    <article className="document" aria-labelledby="document-title">
      <p className="breadcrumb">
        <Link href={`/w/${encodeURIComponent(workspaceId)}`}>← {t('doc.back', { name: workspace.name })}</Link>
      </p>
      <header className="document__header">
        <h1 id="document-title">{title}</h1>
        <ConnectionBadge state={connection} label={t('connection.label')} text={t(`connection.${connection}`)} />
      </header>
      <PresenceBar label={t('presence.label')} people={people} aloneText={t('presence.alone')} />
      {connection === 'offline' && <Notice tone="warning">{t('connection.offlineHint')}</Notice>}
      {connection === 'stopped' && <Notice tone="warning">{t('connection.stopped')}</Notice>}
      {!editable && <Notice>{t('doc.viewOnly')}</Notice>}
      {!isRichText ? (
        <Notice>{t('doc.unsupported')}</Notice>
      ) : room && synced ? (
        <RichTextEditor
          doc={room.doc}
          provider={room.provider}
          me={caretUser}
          editable={editable}
          label={t('doc.editorLabel', { title })}
        />
      ) : (
        <Loading text={t('doc.loading')} />
      )}
    </article>
  );
}
