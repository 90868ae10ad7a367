import type { ReactNode } from 'react';

/** A calm, visible remark (read-only mode, offline, a confirmation). */
export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`message message--${tone}`} role="status">
      {children}
    </div>
  );
}
