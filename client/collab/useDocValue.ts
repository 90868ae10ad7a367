import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * A value read from a Y.Doc, read again after every change to it. `read` must
 * be a stable function (a module-level reader such as readDecisions).
 */
export function useDocValue<T>(doc: Y.Doc | null, read: (doc: Y.Doc) => T, empty: T): T {
  const [value, setValue] = useState<{ doc: Y.Doc | null; value: T }>({ doc: null, value: empty });
  useEffect(() => {
    if (!doc) {
      setValue({ doc: null, value: empty });
      return undefined;
    }
    const update = (): void => setValue({ doc, value: read(doc) });
    update();
    doc.on('afterTransaction', update);
    return () => doc.off('afterTransaction', update);
    // `empty` is only the value before the first read; a new literal per render must not re-subscribe.
  }, [doc, read]);
  return value.doc === doc ? value.value : empty;
}
