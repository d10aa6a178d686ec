import type { FrameEvent } from '../../../protocol/engine-api';
import { findPod } from '../../../protocol/frame-pods';
import { usePodscapeStore, type PodscapeState } from '../../store/podscape-store';
import { useDragState, type DropOutcome } from './drag-store';

/** What the last drop led to, in words: the binding, or the kubelet's refusal (OutOfcpu …) as its Warning event says. */
export function DropOutcomeNotice({ onClose }: { onClose: () => void }) {
  const outcome = useDragState((s) => s.outcome);
  if (!outcome) return null;
  return <OutcomeText outcome={outcome} onClose={onClose} />;
}

function OutcomeText({ outcome, onClose }: { outcome: DropOutcome; onClose: () => void }) {
  const text = usePodscapeStore((s) => outcomeText(s, outcome));
  const refused = text.startsWith('The kubelet');
  return (
    <div className="drop-outcome" role="status" data-drop-outcome={refused ? 'refused' : outcome.action}>
      <span>{text}</span>
      <button type="button" onClick={onClose}>
        Close drop notice
      </button>
    </div>
  );
}

/**
 * The kubelet's latest Warning about the pod since the drop (admission refusals: OutOfcpu,
 * NodeAffinity …), from the newest events the store holds (newest first).
 */
export function kubeletRefusal(events: readonly FrameEvent[], namespace: string, name: string, since: number): FrameEvent | undefined {
  const object = `Pod/${namespace}/${name}`;
  for (const e of events) {
    if (e.lastTime < since) break; // newest first: the rest are older than the drop
    if (e.object === object && e.type === 'Warning' && e.source === 'kubelet') return e;
  }
  return undefined;
}

export function outcomeText(state: Pick<PodscapeState, 'frame' | 'events'>, outcome: DropOutcome): string {
  const { pod, node, action, since } = outcome;
  if (action === 'deleted') {
    const owner = pod.owner ? `${pod.owner.kind} ${pod.owner.name}` : 'its controller';
    return `Deleted pod ${pod.name}: ${owner} creates a replacement, and the scheduler picks its node.`;
  }
  const refusal = kubeletRefusal(state.events, pod.namespace, pod.name, since);
  if (refusal) return `The kubelet on ${node} refused pod ${pod.name}: ${refusal.reason} — ${refusal.message}`;
  const now = state.frame ? findPod(state.frame, `${pod.namespace}/${pod.name}`) : null;
  const verb = action === 'recreated' ? 'Recreated' : 'Bound';
  return `${verb} pod ${pod.name} on node ${node}${now ? ` (${now.phase})` : ''}.`;
}
