/**
 * Asks the engine something about the current cluster (explain, getObject) and asks
 * again as frames arrive, at most every THROTTLE_MS while the clock plays, keeping the
 * last answer on screen meanwhile. An answer for another key or an older frame is
 * dropped. A failure is an answer too: its message is shown where the data would be.
 */
import { useEffect, useRef, useState } from 'react';
import { useThrottled } from '../../components/use-throttled';
import type { EngineClient } from '../../bridge/engine-client';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';

export const THROTTLE_MS = 500;

export type QueryState<T> = { status: 'loading' } | { status: 'done'; data: T } | { status: 'failed'; error: string };

export function useEngineQuery<T>(key: string | null, run: (client: EngineClient) => Promise<T>): QueryState<T> {
  const { client } = usePodscapeRuntime();
  const seq = useThrottled(usePodscapeStore((s) => s.frame?.seq ?? 0), THROTTLE_MS);
  const [answer, setAnswer] = useState<{ key: string; state: QueryState<T> } | null>(null);
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    if (key === null) return;
    let current = true;
    runRef.current(client).then(
      (data) => current && setAnswer({ key, state: { status: 'done', data } }),
      (error: unknown) => current && setAnswer({ key, state: { status: 'failed', error: error instanceof Error ? error.message : String(error) } }),
    );
    return () => {
      current = false;
    };
  }, [client, key, seq]);

  return answer && answer.key === key ? answer.state : { status: 'loading' };
}
