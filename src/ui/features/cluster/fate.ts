/**
 * What happens to a pod whose node stopped answering, in words: the caption a pod
 * card shows while its node is powered off or not Ready. The facts come from the
 * frame (owner kind, the pod's unreachable toleration); the words explain what the
 * owning controller does about it.
 */
import type { PodFrame } from '../../../protocol/engine-api';

export type Fate = 'stays' | 'waits' | 'gone' | 'replaced' | 'evicted';

export interface FateCaption {
  fate: Fate;
  /** One short line for the card. */
  text: string;
}

export function fateOf(pod: Pick<PodFrame, 'name' | 'owner' | 'unreachableToleration'>): FateCaption {
  const kind = pod.owner?.kind ?? null;
  if (kind === 'DaemonSet') {
    return { fate: 'stays', text: 'Stays: its DaemonSet never moves it, and it tolerates the unreachable taint.' };
  }
  if (pod.unreachableToleration === 'forever') {
    return { fate: 'stays', text: 'Stays: it tolerates the unreachable taint without a time limit.' };
  }
  switch (kind) {
    case 'StatefulSet':
      return {
        fate: 'waits',
        text: `Waits: no new ${pod.name} while the old pod exists (delete the node or force-delete the pod).`,
      };
    case 'ReplicaSet':
      return { fate: 'replaced', text: 'Replaced: its ReplicaSet creates a new pod on another node.' };
    case 'Job':
      return { fate: 'replaced', text: 'Replaced: its Job creates a new pod on another node.' };
    case null:
      return { fate: 'gone', text: 'Gone: a bare pod, nothing recreates it.' };
    default:
      return { fate: 'evicted', text: `Evicted; what follows is up to its ${kind}.` };
  }
}
