import { memo, useMemo } from 'react';
import type { Frame, PodFrame } from '../../../protocol/engine-api';
import { naturalCompare } from '../../components/natural-compare';
import { select } from '../../store/actions';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';
import { podStatus } from '../cluster/PodCard';
import { restartsText } from '../inspector/container-status';
import { useCommitProbe } from './perf-probe';
import './cluster-canvas.css';

/**
 * Every pod as a table row carrying the DOM contract's data-pod attributes: the view
 * that stays readable (and testable) where the canvas draws the pods. Bound pods first,
 * by node; the unbound ones in their own body, the pending tray. Nodes and pods in
 * natural order (node-2 before node-10, app-2 before app-10).
 */
export function PodList({ frame }: { frame: Frame }) {
  const selected = usePodscapeStore((s) => (s.selected?.kind === 'pod' ? s.selected.key : null));
  useCommitProbe();
  const { bound, pending } = useMemo(() => {
    const nodes = new Set(frame.nodes.map((n) => n.name));
    const b: PodFrame[] = [];
    const p: PodFrame[] = [];
    for (const pod of frame.pods) (pod.nodeName !== null && nodes.has(pod.nodeName) ? b : p).push(pod);
    b.sort((x, y) => naturalCompare(x.nodeName!, y.nodeName!) || byPod(x, y));
    p.sort(byPod);
    return { bound: b, pending: p };
  }, [frame.pods, frame.nodes]);
  const messages = useMemo(() => new Map(frame.queue.map((q) => [`${q.namespace}/${q.name}`, q.message])), [frame.queue]);

  return (
    <section className="pod-list-section" aria-labelledby="pod-list-heading">
      <h2 id="pod-list-heading">Pods ({frame.pods.length})</h2>
      <table className="pod-list">
        <thead>
          <tr>
            <th scope="col">Pod</th>
            <th scope="col">Namespace</th>
            <th scope="col">Node</th>
            <th scope="col">Status</th>
            <th scope="col">Restarts</th>
          </tr>
        </thead>
        <tbody>
          {bound.map((pod) => (
            <PodRow key={pod.uid} pod={pod} selected={selected === `${pod.namespace}/${pod.name}`} note={null} now={nowFor(pod, frame.time)} />
          ))}
        </tbody>
        <tbody data-pending-tray aria-label={`Pending pods (${pending.length})`}>
          {pending.map((pod) => (
            <PodRow
              key={pod.uid}
              pod={pod}
              selected={selected === `${pod.namespace}/${pod.name}`}
              now={nowFor(pod, frame.time)}
              note={pod.nodeName === null ? (messages.get(`${pod.namespace}/${pod.name}`) ?? null) : `node "${pod.nodeName}" not found`}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The clock for a row that prints "(42s ago)"; 0 for the others, so that they do not re-render as it runs. */
const nowFor = (pod: PodFrame, time: number) => (pod.lastRestartAt == null ? 0 : time);

const byPod = (x: PodFrame, y: PodFrame) => (x.namespace === y.namespace ? naturalCompare(x.name, y.name) : x.namespace < y.namespace ? -1 : 1);

const PodRow = memo(function PodRow({ pod, selected, note, now }: { pod: PodFrame; selected: boolean; note: string | null; now: number }) {
  const { store } = usePodscapeRuntime();
  const key = `${pod.namespace}/${pod.name}`;
  const terminating = pod.deletionTimestamp !== null;
  return (
    <tr
      data-pod={key}
      data-pod-phase={pod.phase}
      {...(terminating ? { 'data-terminating': 'true' } : {})}
      {...(selected ? { 'aria-selected': true, className: 'selected' } : {})}
    >
      <td>
        <button type="button" className="pod-list-name" aria-pressed={selected} onClick={() => select(store, { kind: 'pod', key })}>
          {pod.name}
        </button>
      </td>
      <td>{pod.namespace}</td>
      <td>{pod.nodeName ?? '—'}</td>
      <td data-pod-status>
        {/* kubectl get pods' STATUS: a container's reason (CrashLoopBackOff, Error) over the phase. */}
        {podStatus(pod)}
        {note && (
          <span className="pod-message" data-pod-message>
            {' '}
            {note}
          </span>
        )}
      </td>
      <td data-pod-restarts>{restartsText(pod.restarts ?? 0, pod.lastRestartAt, now)}</td>
    </tr>
  );
});
