/**
 * What screen readers hear during a drag (dnd-kit's live region): the pod,
 * the node under it and the scheduler's verdict in words. The node is not
 * dnd-kit's `over` (the node cards are no droppables, see node-targets.ts) but
 * `overNode()`, which the drag's `onDragOver` handler sets just before dnd-kit
 * announces (it calls the handler, then its announcer).
 */
import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import type { DragState } from './drag-store';
import { planDrop } from './drop-plan';
import type { PodDragData } from './pod-drag';
import { verdictText } from './verdict';

export const screenReaderInstructions: ScreenReaderInstructions = {
  draggable:
    'To place this pod on a node, press Space or Enter to pick it up, then use the arrow keys to go from node to node: ' +
    'each node says whether the scheduler would accept the pod. Press Space or Enter to drop it there, or Escape to cancel.',
};

type Item = { data: { current?: unknown } } | null;

const podOf = (active: Item) => (active?.data.current as PodDragData | undefined)?.pod;
type NamedPod = { name: string; namespace: string; nodeName?: string | null } | undefined | null;
const nameOf = (pod: NamedPod) => (pod ? `pod ${pod.name}${pod.namespace === 'default' ? '' : ` in namespace ${pod.namespace}`}` : 'the pod');
const podName = (active: Item) => nameOf(podOf(active));

/** "pod web-1 is over node worker-2: fits, …." as the drag store has it now. */
function overSentence(pod: NamedPod, node: string, s: DragState): string {
  const verdict = s.verdicts?.get(node);
  const here = pod?.nodeName === node ? ' It runs there now.' : '';
  const words = verdict ? verdictText(verdict) : s.verdictError ? 'the scheduler could not be asked' : 'checking with the scheduler';
  return `${nameOf(pod)} is over node ${node}: ${words}.${here}`;
}

/**
 * dnd-kit announces only when the node under the pod changes. When the engine's verdicts
 * arrive after that announcement (it said "checking with the scheduler"), this is the
 * sentence to say then: the verdict for the node still under the pod. `waited` is the node
 * that was announced while checking; empty when there is nothing more to say.
 */
export function lateVerdictSentence(s: DragState, waited: string | null): string {
  if (!s.active || !s.over || s.over !== waited || (s.verdicts === null && s.verdictError === null)) return '';
  return overSentence(s.active, s.over, s);
}

/**
 * `state()` reads the drag store when dnd-kit asks (the verdicts arrive after the pick-up);
 * `overNode()` is the node under the pod (or where it was dropped), or null.
 */
export function announcements(state: () => DragState, overNode: () => string | null): Announcements {
  // The verdicts as last seen during this drag: the drop's handler resets the drag store
  // (drag-controller.ts) before dnd-kit asks for the drop's announcement.
  let seen: DragState['verdicts'] = null;
  // dnd-kit's live region holds one sentence: the node under the pod is announced right after
  // the pick-up (the pod starts over its own node), which would replace the pick-up sentence
  // before a screen reader has read it. That first node sentence carries it instead (a pod
  // picked up outside the nodes hears its first node sentence only after a key press).
  let pickedUp = '';
  const verdicts = () => (seen = state().verdicts ?? seen);
  const overText = (active: Item) => {
    const node = overNode();
    verdicts();
    if (!node) return `${podName(active)} is over no node.`;
    return overSentence(podOf(active), node, state());
  };
  // What the drop does, as drop-plan.ts decides it: a refused node's filter reasons are said
  // here, with the dialog's question, and not only in the dialog that takes the focus next.
  const dropText = (active: Item) => {
    const node = overNode();
    const dropped = `Dropped ${podName(active)}`;
    if (!node) return `${dropped} outside any node: nothing changes.`;
    const pod = podOf(active);
    const verdict = verdicts()?.get(node);
    if (!pod) return `${dropped} on node ${node}.`;
    const plan = planDrop(pod, node, verdict);
    const rejected = verdict?.kind === 'rejects' ? `, which the scheduler rejects: ${verdict.reasons.join('; ')}.` : '.';
    switch (plan.kind) {
      case 'none':
        return `${dropped} on node ${node}: nothing changes, ${plan.why}.`;
      case 'bind':
        return `${dropped} on node ${node}: it fits; binding it there.`;
      case 'bindAnyway':
        return `${dropped} on node ${node}${rejected} A dialog asks: Bind anyway, or Cancel drop.`;
      default:
        return `${dropped} on node ${node}${rejected} It runs on node ${pod.nodeName}: a dialog asks before anything is deleted.`;
    }
  };
  return {
    onDragStart: ({ active }) => {
      seen = null;
      const pod = podOf(active);
      const where = pod?.nodeName ? `on node ${pod.nodeName}` : 'waiting for a node';
      return (pickedUp = `Picked up ${podName(active)}, ${where}. Use the arrow keys to move between nodes, Space or Enter to drop, Escape to cancel.`);
    },
    onDragOver: ({ active }) => {
      const own = pickedUp !== '' && overNode() !== null && overNode() === podOf(active)?.nodeName;
      const text = own ? `${pickedUp} ${overText(active)}` : overText(active);
      pickedUp = '';
      return text;
    },
    onDragEnd: ({ active }) => {
      pickedUp = '';
      return dropText(active);
    },
    onDragCancel: ({ active }) => {
      pickedUp = '';
      return `Cancelled: ${podName(active)} stays where it was.`;
    },
  };
}
