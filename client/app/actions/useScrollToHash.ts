import { useEffect } from 'react';

/**
 * A link such as `…/acties#actie-<id>` (from a chip in the notes) lands on that
 * action once the list has arrived: scrolled into view and focused, so a
 * screen reader starts there too.
 */
export function useScrollToHash(ready: boolean): void {
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (!ready || !id) return;
    const target = document.getElementById(id);
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }, [ready]);
}
