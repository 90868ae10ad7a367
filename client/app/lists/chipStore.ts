import type { ChipInfo, ChipStore, ListItemKind } from '../../editor/listItemChip.ts';

export type ChipLookup = (kind: ListItemKind, itemId: string) => ChipInfo | null;

/** A ChipStore the page feeds with a fresh lookup whenever the lists (or the language) change. */
export interface WritableChipStore extends ChipStore {
  update(lookup: ChipLookup, ready: boolean): void;
}

export function createChipStore(): WritableChipStore {
  let current: { lookup: ChipLookup; ready: boolean } = { lookup: () => null, ready: false };
  let version = 0;
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lookup: (kind, itemId) => current.lookup(kind, itemId),
    ready: () => current.ready,
    version: () => version,
    update(lookup, ready) {
      current = { lookup, ready };
      version += 1;
      listeners.forEach((listener) => listener());
    },
  };
}
