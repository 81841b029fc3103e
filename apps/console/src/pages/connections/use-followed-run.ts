import { useEffect, useRef, useState } from 'preact/hooks';
import { isOpenRun, type SyncRun } from '../../api/sync';
import { useSession } from '../../auth/session';

const POLL_MS = 700;

/**
 * The run `runId` as the API reports it, polled while it is queued or running; `onFinished` is
 * called once it ends. A failed poll stops polling and is reported (a 401 has already ended the session).
 */
export const useFollowedRun = (connectionId: string, runId: string | undefined, onFinished: (run: SyncRun) => void) => {
  const { api } = useSession();
  const [run, setRun] = useState<SyncRun | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const finished = useRef(onFinished);
  finished.current = onFinished;
  useEffect(() => {
    setRun(undefined);
    setError(undefined);
    if (runId === undefined) return;
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const current = await api.connections.syncRun(connectionId, runId);
        if (stopped) return;
        setRun(current);
        if (isOpenRun(current)) timer = window.setTimeout(() => void poll(), POLL_MS);
        else finished.current(current);
      } catch (failure) {
        if (!stopped) setError(failure);
      }
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [api, connectionId, runId]);
  // A cancel answers the run at once; polling goes on until it has ended.
  return { run, error, update: (next: SyncRun) => setRun((shown) => (shown?.id === next.id ? next : shown)) };
};
