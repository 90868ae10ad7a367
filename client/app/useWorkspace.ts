import { useCallback, useEffect, useState } from 'react';
import type { WorkspaceView } from '../../shared/api.ts';
import { api, ApiError } from '../http/api.ts';

export type WorkspaceState =
  | { status: 'loading' }
  | { status: 'ready'; workspace: WorkspaceView; fromCache: boolean }
  | { status: 'noAccess' }
  | { status: 'error'; error: unknown };

const cacheKey = (workspaceId: string): string => `samenspel.workspace.${workspaceId}`;

/** The last answer, kept on this device so a visited workspace opens offline. */
function cached(workspaceId: string): WorkspaceView | null {
  try {
    const value = localStorage.getItem(cacheKey(workspaceId));
    return value ? (JSON.parse(value) as WorkspaceView) : null;
  } catch {
    return null;
  }
}

function remember(workspace: WorkspaceView): void {
  try {
    localStorage.setItem(cacheKey(workspace.id), JSON.stringify(workspace));
  } catch {
    // Storage full or blocked: the workspace still works online.
  }
}

function forget(workspaceId: string): void {
  try {
    localStorage.removeItem(cacheKey(workspaceId));
  } catch {
    // Nothing to forget.
  }
}

/**
 * Loads `GET /api/workspaces/:id`; a 401/403/404 all mean "you cannot be here".
 * Without a network, the last answer on this device is used.
 */
export function useWorkspace(workspaceId: string): { state: WorkspaceState; reload(): void } {
  const [state, setState] = useState<WorkspaceState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    api.workspace(workspaceId).then(
      (workspace) => {
        remember(workspace);
        if (current) setState({ status: 'ready', workspace, fromCache: false });
      },
      (error: unknown) => {
        if (!current) return;
        const noAccess = error instanceof ApiError && [401, 403, 404].includes(error.status);
        if (noAccess) forget(workspaceId);
        const offlineCopy = error instanceof ApiError && error.code === 'network' ? cached(workspaceId) : null;
        if (offlineCopy) setState({ status: 'ready', workspace: offlineCopy, fromCache: true });
        else setState(noAccess ? { status: 'noAccess' } : { status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [workspaceId, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { state, reload };
}
