import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import {
  readDocuments,
  readWorkplaces,
  type DocumentEntry,
  type WorkplaceEntry,
} from '../../shared/schema/workspaceIndex.ts';

export interface WorkspaceIndex {
  /** Every workplace and document, archived ones included (check `archived`). */
  workplaces: WorkplaceEntry[];
  documents: DocumentEntry[];
}

/** The workspace index, read live: re-read after every change to the index doc. */
export function useWorkspaceIndex(doc: Y.Doc | null): WorkspaceIndex {
  const [index, setIndex] = useState<WorkspaceIndex>({ workplaces: [], documents: [] });
  useEffect(() => {
    if (!doc) {
      setIndex({ workplaces: [], documents: [] });
      return undefined;
    }
    const read = (): void => setIndex({ workplaces: readWorkplaces(doc), documents: readDocuments(doc) });
    read();
    // The index is small, so re-reading it after each transaction is cheap and simple.
    doc.on('afterTransaction', read);
    return () => doc.off('afterTransaction', read);
  }, [doc]);
  return index;
}
