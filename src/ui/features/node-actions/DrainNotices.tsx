import { useEffect, useId } from 'react';
import { useStore } from 'zustand';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';
import { formatClusterTime } from '../timeline/format-time';
import { BUDGET_MESSAGE, dismissDrainWait, drainWaits, stillWaiting, type DrainWait, type RefusedEviction } from './drain-waits';

/**
 * Drains the Eviction API holds back (drain-waits.ts), one notice per node: which pod,
 * why in words, what kubectl does next, and kubectl's own line. A notice goes by itself
 * once the refused pods have been evicted, or when dismissed.
 */
export function DrainNotices() {
  const { store } = usePodscapeRuntime();
  const waitsStore = drainWaits(store);
  const waits = useStore(waitsStore);
  // The nodes whose drain still waits, as one string (a stable selector result); reads the cluster only while there are waits.
  const waiting = usePodscapeStore((s) => (waits.length === 0 ? '' : waits.filter((w) => stillWaiting(s.cluster, w)).map((w) => w.node).join('\n')));
  useEffect(() => {
    const still = new Set(waiting === '' ? [] : waiting.split('\n'));
    for (const w of waits) if (!still.has(w.node)) dismissDrainWait(store, w.node);
  }, [waiting, waits, store]);
  const shown = waits.filter((w) => waiting.split('\n').includes(w.node));
  if (shown.length === 0) return null;
  return (
    <div className="drain-notices">
      {shown.map((wait) => (
        <DrainNotice key={wait.node} wait={wait} onDismiss={() => dismissDrainWait(store, wait.node)} />
      ))}
    </div>
  );
}

function DrainNotice({ wait, onDismiss }: { wait: DrainWait; onDismiss: () => void }) {
  const id = useId();
  const givesUpAt = wait.timeout?.givesUpAt;
  const gaveUp = usePodscapeStore((s) => givesUpAt !== undefined && (s.frame?.time ?? 0) >= givesUpAt);
  return (
    <div className="drain-notice" role="status" aria-labelledby={id} data-gave-up={gaveUp ? '' : undefined}>
      <div className="drain-notice-text">
        <strong id={id}>{gaveUp ? `Drain of ${wait.node} gave up` : `Drain of ${wait.node} is waiting`}</strong>
        {!gaveUp && wait.refused.map((r) => <p key={`${r.namespace}/${r.name}`}>{explainRefusal(r)}</p>)}
        {wait.timeout && <p>{explainTimeout(wait.node, wait.timeout, gaveUp)}</p>}
        <pre className="drain-notice-kubectl" aria-label="kubectl drain output">
          {wait.refused.map((r) => r.line).join('\n')}
        </pre>
      </div>
      <button type="button" className="drain-notice-dismiss" aria-label={`Dismiss the notice about the drain of ${wait.node}`} onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** One refusal in words: which pod, why, and what kubectl does next. */
export function explainRefusal(r: RefusedEviction): string {
  const pod = `pod ${r.name}${r.namespace === 'default' ? '' : ` (namespace ${r.namespace})`}`;
  if (r.message === BUDGET_MESSAGE) {
    return (
      `The Eviction API refused ${pod} with 429 Too Many Requests: its PodDisruptionBudget allows no more disruptions now. ` +
      `This is not an error. kubectl drain retries every ${r.retry}; the eviction goes through once a replacement is Running and ready, so the budget is met without this pod.`
    );
  }
  return `The Eviction API refused ${pod}: ${r.message} kubectl drain retries every ${r.retry}.`;
}

/** What --timeout does to a waiting drain: when kubectl stops retrying, and what is left after it has. */
export function explainTimeout(node: string, timeout: { flag: string; givesUpAt: number }, gaveUp: boolean): string {
  const at = formatClusterTime(timeout.givesUpAt);
  return gaveUp
    ? `kubectl drain stopped retrying at ${at} (--timeout=${timeout.flag}: global timeout reached) and exited with an error. ${node} stays cordoned and the refused pods still run on it: drain again, or uncordon the node.`
    : `With --timeout=${timeout.flag}, kubectl drain stops retrying at ${at} if these pods are still here, exits with an error and leaves ${node} cordoned.`;
}
