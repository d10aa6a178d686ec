import { useEffect, useId, useRef } from 'react';
import { kubectlStream } from '../../../scenario/kubectl-stream';
import { refusedEvictions } from './drain-runs';


export interface DryRunOutputProps {
  node: string;
  mode: 'client' | 'server';
  /** What kubectl printed, in order. */
  lines: readonly string[];
  onClose: () => void;
}

/** What a dry run's output means, in words (nothing in it changed the cluster). */
export function explainDryRun(node: string, mode: DryRunOutputProps['mode'], lines: readonly string[]): string {
  if (mode === 'client') {
    return 'A client dry run sends nothing to the API server: it lists the pods drain would evict and checks no PodDisruptionBudget. Nothing was cordoned or evicted.';
  }
  const refused = refusedEvictions(lines).length;
  if (refused > 0) {
    const what = refused === 1 ? 'one dry-run eviction' : `${refused} dry-run evictions`;
    return (
      `The API server refused ${what} (429: a PodDisruptionBudget allows no more disruptions), so a drain now would wait there. ` +
      'kubectl would go on retrying every 5s until --timeout (for ever by default); Podscape shows its first try. Nothing was cordoned or evicted.'
    );
  }
  if (lines.some((l) => l === `node/${node} drained (server dry run)`)) {
    return (
      'The API server accepted each eviction on its own, as a dry run. A dry run uses up no budget, so a real drain can still be held ' +
      'when several of the node’s pods share one PodDisruptionBudget. Nothing was cordoned or evicted.'
    );
  }
  return 'Dry-run deletes remove nothing, so kubectl would wait for these pods until --timeout (for ever by default); Podscape shows its first try. Nothing was cordoned or deleted.';
}

/**
 * The output of `kubectl drain --dry-run=…` sent from a node's toolbar, under it: the lines with
 * their streams and a sentence on what they mean. The list takes focus when it appears, so a
 * keyboard or screen-reader user lands on the answer to the button just pressed.
 */
export function DryRunOutput({ node, mode, lines, onClose }: DryRunOutputProps) {
  const id = useId();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.scrollIntoView?.({ block: 'nearest' });
    list.current?.focus({ preventScroll: true });
  }, [lines]);
  return (
    <section className="drain-dry-run" aria-labelledby={id} data-drain-dry-run={node}>
      <strong id={id}>{`kubectl drain ${node} --dry-run=${mode}`}</strong>
      <p>{explainDryRun(node, mode, lines)}</p>
      <ol ref={list} className="drain-notice-kubectl" aria-label={`kubectl drain ${node} --dry-run=${mode}: output`} tabIndex={0}>
        {lines.map((text, i) => (
          // The lines never change once shown: their position is their identity.
          <li key={i} data-stream={kubectlStream(text)}>
            {text}
          </li>
        ))}
      </ol>
      <button type="button" className="drain-notice-dismiss" aria-label={`Close the dry run's output for node ${node}`} onClick={onClose}>
        Close
      </button>
    </section>
  );
}
