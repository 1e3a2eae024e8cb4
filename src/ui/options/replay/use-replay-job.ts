import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../../../core/error-message';
import type { GuardClient } from '../../../messaging/client';
import type { Problem, RequestOf } from '../../../messaging/protocol';
import type { ReplayStatus } from '../../../messaging/replay';

/**
 * One replay as the options page sees it: start it, poll its status every `pollMs` while it
 * runs, cancel it. Closing the page stops the polling (the worker's job ends on its own).
 *
 *   idle ──start──▶ (refused: problems) | running ──poll…──▶ done | failed | cancelled
 */
export type ReplayRequest = Omit<RequestOf<'startReplay'>, 'type'>;

export interface ReplayJobView {
  status: ReplayStatus | null;
  problems: Problem[];
  error: string | null;
  running: boolean;
  start(req: ReplayRequest): Promise<void>;
  cancel(): Promise<void>;
}

export function useReplayJob(client: GuardClient, pollMs = 250): ReplayJobView {
  const [status, setStatus] = useState<ReplayStatus | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const jobId = useRef<string | null>(null);

  const stopPolling = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => stopPolling, []);

  const poll = useCallback(
    async (id: string) => {
      try {
        const s = await client.request('replayStatus', { jobId: id });
        if (jobId.current !== id) return;
        setStatus(s);
        if (s.state === 'running') timer.current = setTimeout(() => void poll(id), pollMs);
      } catch (e) {
        setError(errorMessage(e, 'no answer from the guard'));
      }
    },
    [client, pollMs],
  );

  const start = async (req: ReplayRequest) => {
    stopPolling();
    setError(null);
    setProblems([]);
    setStatus(null);
    try {
      const r = await client.request('startReplay', req);
      if (!r.ok || r.jobId === null) {
        setProblems(r.problems);
        return;
      }
      jobId.current = r.jobId;
      await poll(r.jobId);
    } catch (e) {
      setError(errorMessage(e, 'no answer from the guard'));
    }
  };

  const cancel = async () => {
    const id = jobId.current;
    if (!id) return;
    stopPolling();
    try {
      await client.request('cancelReplay', { jobId: id });
      await poll(id);
    } catch (e) {
      setError(errorMessage(e, 'no answer from the guard'));
    }
  };

  return { status, problems, error, running: status?.state === 'running', start, cancel };
}
