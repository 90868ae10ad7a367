import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { JargonEntry } from '../../shared/readability/jargonMatcher.ts';
import { STARTING_JARGON_LIST } from '../../shared/readability/startingJargonList.ts';
import { readJargonList } from '../../shared/schema/jargonList.ts';

/**
 * The workspace's jargon list, read live from the index document. The array
 * only changes when the list does (the index changes for many other reasons),
 * so the analysis is not redone for every unrelated change.
 */
export function useJargonList(indexDoc: Y.Doc | null): readonly JargonEntry[] {
  const [list, setList] = useState<readonly JargonEntry[]>(STARTING_JARGON_LIST);
  useEffect(() => {
    if (!indexDoc) return undefined;
    let last = '';
    const read = (): void => {
      const next = readJargonList(indexDoc);
      const key = JSON.stringify(next);
      if (key === last) return;
      last = key;
      setList(next);
    };
    read();
    indexDoc.on('afterTransaction', read);
    return () => indexDoc.off('afterTransaction', read);
  }, [indexDoc]);
  return list;
}
