import { useMemo, useRef, useSyncExternalStore } from 'react';
import type { Frame } from '../../../protocol/engine-api';
import { usePodscapeStore } from '../../store/podscape-store';
import { groupPods, podsOf, type PodGroups } from './group-pods';
import { NodeCanvasCard } from './NodeCanvasCard';
import { PendingPodCard } from './PendingPodCard';
import { DARK, LIGHT } from './pod-canvas';
import { useCommitProbe } from './perf-probe';
import './cluster-canvas.css';

/** The pending pods shown as cards under the canvas; the list view shows every one. */
export const PENDING_SHOWN = 50;

const DARK_QUERY = '(prefers-color-scheme: dark)';
const subscribeScheme = (onChange: () => void) => {
  const query = window.matchMedia?.(DARK_QUERY);
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
};
const isDark = () => typeof window === 'object' && window.matchMedia?.(DARK_QUERY).matches === true;

/** Large clusters: node cards in the DOM, each node's pods on a canvas, and the first pending pods as cards. */
export function CanvasCluster({ frame }: { frame: Frame }) {
  const selected = usePodscapeStore((s) => (s.selected?.kind === 'pod' ? s.selected.key : null));
  useCommitProbe();
  const palette = useSyncExternalStore(subscribeScheme, isDark, () => false) ? DARK : LIGHT;
  const previous = useRef<PodGroups | null>(null);
  const groups = useMemo(() => {
    const next = groupPods(frame.pods, new Set(frame.nodes.map((n) => n.name)), previous.current);
    previous.current = next;
    return next;
  }, [frame.pods, frame.nodes]);
  const selectedNode = useMemo(
    () => (selected === null ? null : (frame.pods.find((p) => `${p.namespace}/${p.name}` === selected)?.nodeName ?? null)),
    [selected, frame.pods],
  );
  const messages = useMemo(() => new Map(frame.queue.map((q) => [`${q.namespace}/${q.name}`, q.message])), [frame.queue]);
  const pending = groups.unbound;

  return (
    <>
      <section className="nodes" aria-labelledby="nodes-heading">
        <h2 id="nodes-heading">Nodes ({frame.nodes.length})</h2>
        <div className="node-grid canvas-grid">
          {frame.nodes.map((node) => (
            <NodeCanvasCard
              key={node.name}
              node={node}
              pods={podsOf(groups, node.name)}
              selected={selectedNode === node.name ? selected : null}
              palette={palette}
            />
          ))}
        </div>
      </section>
      <section className="pending" data-pending-tray aria-labelledby="pending-heading">
        <h2 id="pending-heading">Pending pods ({pending.length})</h2>
        {pending.length > 0 ? (
          <ul className="pods">
            {pending.slice(0, PENDING_SHOWN).map((pod) => (
              <PendingPodCard
                key={pod.uid}
                pod={pod}
                selected={selected === `${pod.namespace}/${pod.name}`}
                message={pod.nodeName === null ? (messages.get(`${pod.namespace}/${pod.name}`) ?? null) : `node "${pod.nodeName}" not found`}
              />
            ))}
          </ul>
        ) : (
          <p className="empty">Every pod has a node.</p>
        )}
        {pending.length > PENDING_SHOWN && <p className="empty">…and {pending.length - PENDING_SHOWN} more: the list view shows every pod.</p>}
      </section>
    </>
  );
}
