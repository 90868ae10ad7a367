import { useTranslation } from 'react-i18next';
import type { CollabRoom } from '../../collab/openRoom.ts';
import { useConnectionState } from '../../collab/useConnectionState.ts';
import { ConnectionBadge } from '../../ui/ConnectionBadge.tsx';
import { Notice } from '../../ui/Notice.tsx';

/**
 * The connection and save state of one room in plain words, always visible:
 * "verbonden · opgeslagen" only once the server stored every change made here.
 */
export function RoomStatus({ room, canEdit }: { room: CollabRoom | null; canEdit: boolean }) {
  const { t } = useTranslation();
  const state = useConnectionState(room);
  // Someone who can only read changes nothing, so "saved" would mean nothing to them.
  const shown = !canEdit && (state === 'saved' || state === 'saving') ? 'connected' : state;
  return (
    <>
      <ConnectionBadge state={shown} label={t('connection.label')} text={t(`connection.${shown}`)} />
      {state === 'revoked' && <Notice tone="warning">{t('connection.revokedHint')}</Notice>}
      {state === 'stopped' && <Notice tone="warning">{t('connection.stoppedHint')}</Notice>}
    </>
  );
}
