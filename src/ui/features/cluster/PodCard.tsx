import { memo, type Ref } from 'react';
import type { PodFrame } from '../../../protocol/engine-api';
import { useSelectableView } from '../inspector/use-selectable';
import type { FateCaption } from './fate';
import { PodEviction } from './PodEviction';
import { PodMessage } from './PodMessage';
import { troubled } from './pod-trouble';
import { formatCpu, formatMemory } from './quantity';
import { colourKey, hueOf } from './workload-colour';

interface PodCardProps {
  pod: PodFrame;
  /** Why the pod is still pending (upstream's FailedScheduling text). */
  message?: string | null;
  /** What happens to the pod now that its node stopped answering, or null. */
  fate?: FateCaption | null;
  /** Whether the inspector shows this pod; read by the caller (PodSlot's one subscription), so the card subscribes to nothing. */
  selected?: boolean;
  /** The [data-pod] element, for FLIP flights (flip.ts measures and animates it). */
  ref?: Ref<HTMLDivElement>;
  /** Drag and drop (features/drag/pod-drag.ts): attributes that make the card a drag handle (a stable object). */
  dragHandle?: Readonly<Record<string, string | number>>;
  dragging?: boolean;
}

/** kubectl's STATUS column: Terminating wins over a container's reason (CrashLoopBackOff, Error, Completed), which wins over the phase. */
export function podStatus(pod: Pick<PodFrame, 'deletionTimestamp' | 'phase' | 'containerReason'>): string {
  return pod.deletionTimestamp !== null ? 'Terminating' : (pod.containerReason ?? pod.phase);
}

/**
 * Running but not Ready (a readiness probe failing, or not passed yet): kubectl's STATUS still says
 * Running and only its READY column (`0/1`) tells the two apart, so the card says it in words.
 */
export function runningNotReady(pod: Pick<PodFrame, 'deletionTimestamp' | 'phase' | 'containerReason' | 'ready'>): boolean {
  return pod.ready === false && podStatus(pod) === 'Running';
}

/** The status as the card words it: kubectl's STATUS (and `not ready` for a Running pod that is not Ready), and its RESTARTS when there were any. */
export function podStatusText(pod: Pick<PodFrame, 'deletionTimestamp' | 'phase' | 'containerReason' | 'restarts' | 'ready'>): string {
  const status = runningNotReady(pod) ? 'Running, not ready' : podStatus(pod);
  const restarts = pod.restarts ?? 0;
  return restarts > 0 ? `${status}, ${restarts} ${restarts === 1 ? 'restart' : 'restarts'}` : status;
}

/**
 * One pod: name, owner, status and requests, coloured by its workload. The list item
 * wraps the card so that a draggable card (focusable, role group) keeps the list's
 * semantics; the card itself carries the DOM contract's data attributes.
 */
export const PodCard = memo(function PodCard({ pod, message, fate, selected = false, ref, dragHandle, dragging }: PodCardProps) {
  const terminating = pod.deletionTimestamp !== null;
  const key = colourKey(pod.owner);
  const owner = pod.owner ? `${pod.owner.kind} ${pod.owner.name}` : 'bare pod (no controller)';
  const status = podStatus(pod);
  const notReady = runningNotReady(pod);
  const { cardProps, buttonProps } = useSelectableView('pod', `${pod.namespace}/${pod.name}`, selected);
  return (
    <li className="pod-slot">
      <div
        ref={ref}
        className="pod"
        data-pod={`${pod.namespace}/${pod.name}`}
        data-pod-phase={pod.phase}
        {...(terminating ? { 'data-terminating': 'true' } : {})}
        data-pod-uid={pod.uid}
        data-status={status}
        {...(notReady ? { 'data-ready': 'false' } : {})}
        {...(!terminating && troubled(pod.containerReason) ? { 'data-trouble': 'true' } : {})}
        {...(fate ? { 'data-fate': fate.fate } : {})}
        style={key === null ? undefined : { ['--workload-hue' as string]: hueOf(key) }}
        title={`${pod.namespace}/${pod.name}: ${owner}`}
        {...cardProps}
        {...dragHandle}
        {...(dragHandle ? { 'aria-label': `pod ${pod.name}${pod.namespace === 'default' ? '' : ` in namespace ${pod.namespace}`}` } : {})}
        {...(dragging ? { 'data-dragging': 'true' } : {})}
      >
        {/* The workload's colour is the card's left edge (cluster.css: an inset shadow, no element of its own). */}
        <span className="pod-id">
          <button {...buttonProps}>{pod.name}</button>
          {pod.namespace !== 'default' && <span className="pod-namespace"> ({pod.namespace})</span>}
        </span>
        <span className="pod-phase">
          <span className="pod-phase-icon" aria-hidden="true">
            {notReady ? NOT_READY_ICON : (STATUS_ICON[status] ?? '•')}
          </span>
          {podStatusText(pod)}
        </span>
        <span className="pod-facts">
          <span className="pod-owner">{pod.owner ? pod.owner.kind : 'bare pod'}</span>
          {/* One text node (not React's one per expression): a 100-node cluster holds 3,000 of these. */}
          <span className="pod-requests">{`${formatCpu(pod.requests.cpu)} cpu · ${formatMemory(pod.requests.memory)}`}</span>
        </span>
        {pod.evictionAt !== null && !terminating && <PodEviction at={pod.evictionAt} />}
        {message && <PodMessage message={message} />}
        {fate && (
          <p className="pod-fate" data-pod-fate={fate.fate}>
            {fate.text}
          </p>
        )}
      </div>
    </li>
  );
});

/** Running but not Ready: a half-filled Running dot. */
const NOT_READY_ICON = '◐';

/** Shapes that tell the statuses apart without colour. */
const STATUS_ICON: Record<string, string> = {
  Running: '●',
  Pending: '○',
  Terminating: '⊘',
  Unknown: '?',
  Succeeded: '✓',
  Completed: '✓',
  Failed: '✕',
  Error: '✕',
  OOMKilled: '✕',
  ErrImagePull: '✕',
  CrashLoopBackOff: '↻',
  ImagePullBackOff: '↻',
  // On its way (phase Pending): a dotted ring, not Running's dot, which '•' resembled.
  ContainerCreating: '◌',
  PodInitializing: '◌',
};
