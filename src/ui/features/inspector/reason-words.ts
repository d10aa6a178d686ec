/**
 * A scheduler filter reason (upstream's words, kept as they are) followed by what it means
 * on that node, in numbers a newcomer can check: "Insufficient cpu" → "the pod asks for 8
 * cpu; 1060m of 2 are free". Arithmetic on the frame's numbers only: whether the pod fits
 * stays the engine's verdict (DESIGN.md: the UI never re-implements cluster logic).
 */
import type { NodeFrame, ResourceAmounts } from '../../../protocol/engine-api';
import { formatCpu, formatMemory } from '../cluster/quantity';
import { taintText } from '../../components/taint-text';

/** Memory as a reader takes it in: exact when a binary suffix says it exactly ("3Gi"), else about so much ("about 11.4Gi"). */
export function roughMemory(bytes: number): string {
  const exact = formatMemory(bytes);
  if (/^\d+(Ki|Mi|Gi|Ti)$/.test(exact) && !exact.endsWith('Ki')) return exact;
  for (const [suffix, size] of [['Ti', 1024 ** 4], ['Gi', 1024 ** 3], ['Mi', 1024 ** 2]] as const) {
    if (bytes >= size) return `about ${(bytes / size).toFixed(1)}${suffix}`;
  }
  return exact;
}

const FORMAT: Record<'cpu' | 'memory', (n: number) => string> = { cpu: formatCpu, memory: roughMemory };

/** Plain words for `reason` on `node`, or null when there is nothing to add. */
export function reasonWords(reason: string, pod: { requests: Pick<ResourceAmounts, 'cpu' | 'memory'> }, node: NodeFrame | undefined): string | null {
  if (!node) return null;
  const insufficient = /^Insufficient (cpu|memory)$/.exec(reason);
  if (insufficient) {
    const resource = insufficient[1] as 'cpu' | 'memory';
    const format = FORMAT[resource];
    const total = node.allocatable[resource];
    const free = total - node.requested[resource];
    const asks = `the pod asks for ${format(pod.requests[resource])} ${resource}`;
    return free > 0 ? `${asks}; ${format(free)} of ${format(total)} are free` : `${asks}; none of ${format(total)} is free`;
  }
  switch (reason) {
    case 'Too many pods':
      return `the node already runs ${node.requested.pods} of its ${node.allocatable.pods} pods`;
    case 'node(s) had untolerated taint(s)': {
      const hard = node.taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
      if (hard.length === 0) return null;
      const names = hard.map(taintText).join(', ');
      return `its taints: ${names}; the pod has no toleration for one of them`;
    }
    case 'node(s) were unschedulable':
      return 'cordoned: spec.unschedulable is true';
    case "node(s) didn't match Pod's node affinity/selector":
      return 'its labels do not match the pod’s nodeSelector or required node affinity';
    case 'node(s) had volume node affinity conflict':
      return 'a claim of the pod is bound to a PersistentVolume that only other nodes can reach (the volume’s node affinity)';
    case "node(s) didn't find available persistent volumes to bind":
      return 'no free PersistentVolume usable from here matches a claim of the pod (size, access modes, storage class), and none can be provisioned here';
    default:
      return null;
  }
}
