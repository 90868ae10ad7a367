import { NodeViewWrapper, type NodeViewProps } from '@tiptap/react';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { isListItemKind, type ChipStore, type ListItemChipOptions } from './listItemChip.ts';

const noStore: ChipStore = { subscribe: () => () => undefined, lookup: () => null, ready: () => false, version: () => 0 };

/**
 * A chip in the notes: "Besluit: <title> · <status>", a link to the item.
 * It is not editable text (contentEditable false), so a click follows the link.
 */
export function ListItemChipView({ node, extension, selected }: NodeViewProps) {
  const { t } = useTranslation();
  const store = (extension.options as ListItemChipOptions).store ?? noStore;
  useSyncExternalStore(store.subscribe, store.version);
  const kind = isListItemKind(node.attrs.kind) ? node.attrs.kind : 'decision';
  const itemId = typeof node.attrs.itemId === 'string' ? node.attrs.itemId : '';
  const info = store.lookup(kind, itemId);
  const kindLabel = t(`decide.chip.${kind}`);
  return (
    <NodeViewWrapper
      as="span"
      className={`item-chip item-chip--${kind} item-chip--${info?.tone ?? 'unknown'}${selected ? ' item-chip--selected' : ''}`}
      contentEditable={false}
      data-item-id={itemId}
    >
      {info ? (
        <Link href={info.href} className="item-chip__link">
          <span className="item-chip__kind">{kindLabel}:</span> <span className="item-chip__title">{info.title}</span>{' '}
          <span className="item-chip__status">· {info.status}</span>
        </Link>
      ) : (
        <span className="item-chip__link">
          <span className="item-chip__kind">{kindLabel}</span>
          {store !== noStore && (
            <span className="item-chip__status"> · {store.ready() ? t('decide.chip.notFound') : t('decide.chip.loading')}</span>
          )}
        </span>
      )}
    </NodeViewWrapper>
  );
}
