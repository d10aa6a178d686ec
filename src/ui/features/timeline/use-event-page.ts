import { useEffect, useRef, useState } from 'react';
import type { EventPage, EventQuery } from '../../../protocol/event-query';
import type { EngineClient } from '../../bridge/engine-client';
import { usePodscapeRuntime } from '../../store/podscape-store';

/**
 * A page of the event log from the engine (EngineApi.events), for what the page does not
 * hold itself: older pages, and filters once the cluster has more events than the store
 * keeps. `query` null asks nothing. The page is asked again whenever `version` changes
 * (the caller passes its throttled events), one request at a time: a change while one is
 * in flight asks once more when it returns, with the newest query. Until the first answer
 * for a query arrives, the answer for the previous one stays (rows do not flash empty).
 */
export function useEventPage(query: EventQuery | null, version: unknown): { page: EventPage | null; current: boolean } {
  const { client } = usePodscapeRuntime();
  const key = query ? JSON.stringify(query) : null;
  const [answer, setAnswer] = useState<{ page: EventPage; key: string } | null>(null);
  const asker = useRef<PageAsker | null>(null);
  asker.current ??= new PageAsker(client, setAnswer);

  useEffect(() => {
    const current = asker.current!;
    current.stopped = false;
    return () => {
      current.stopped = true;
    };
  }, []);
  useEffect(() => {
    if (key !== null) asker.current!.ask(key);
  }, [key, version]);
  return key === null || answer === null ? { page: null, current: false } : { page: answer.page, current: answer.key === key };
}

/** One request in flight at most; the newest query waits for it. */
class PageAsker {
  private busy = false;
  private next: string | null = null;
  /** Set while the component is unmounted: answers are dropped. */
  stopped = false;

  constructor(
    private readonly client: Pick<EngineClient, 'events'>,
    private readonly answer: (a: { page: EventPage; key: string }) => void,
  ) {}

  ask(key: string): void {
    if (this.busy) {
      this.next = key;
      return;
    }
    this.busy = true;
    this.client
      .events(JSON.parse(key) as EventQuery)
      .then(
        (page) => {
          if (!this.stopped) this.answer({ page, key });
        },
        () => {}, // no scenario yet, or one being replaced: the next frame asks again
      )
      .finally(() => {
        this.busy = false;
        const next = this.next;
        this.next = null;
        if (next !== null && !this.stopped) this.ask(next);
      });
  }
}
