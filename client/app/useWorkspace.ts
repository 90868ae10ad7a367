import { useCallback, useEffect, useState } from 'react';
import type { WorkspaceView } from '../../shared/api.ts';
import { api, ApiError } from '../http/api.ts';

export type WorkspaceState =
  | { status: 'loading' }
  | { status: 'ready'; workspace: WorkspaceView }
  | { status: 'noAccess' }
  | { status: 'error'; error: unknown };

/** Loads `GET /api/workspaces/:id`; a 401/403/404 all mean "you cannot be here". */
export function useWorkspace(workspaceId: string): { state: WorkspaceState; reload(): void } {
  const [state, setState] = useState<WorkspaceState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    api.workspace(workspaceId).then(
      (workspace) => {
        if (current) setState({ status: 'ready', workspace });
      },
      (error: unknown) => {
        if (!current) return;
        const noAccess = error instanceof ApiError && [401, 403, 404].includes(error.status);
        setState(noAccess ? { status: 'noAccess' } : { status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [workspaceId, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { state, reload };
}
