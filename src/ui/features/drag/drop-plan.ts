/**
 * What dropping a pod on a node does, in engine commands.
 *
 * Kubernetes binds a pod once (spec.nodeName is immutable after binding) and
 * never moves it, so the UI does what a person with kubectl would do:
 *
 * - An UNBOUND pod on a node that FITS: `bindPod` (a pods/binding, as the
 *   scheduler would write it).
 * - An UNBOUND pod on a node the filters REJECT: nothing until the user
 *   confirms; then `bindPod` anyway. The scheduler is bypassed, as when
 *   spec.nodeName is set by hand, and the node's kubelet runs its own admission:
 *   it refuses a pod that does not fit its resources (the pod turns Failed with
 *   reason OutOfcpu, OutOfmemory, OutOfpods), its node affinity or a NoExecute
 *   taint, and runs one that a NoSchedule taint or a cordon kept the scheduler away from.
 * - A BOUND pod owned by a controller (ReplicaSet, StatefulSet, DaemonSet, Job):
 *   after confirmation, `deletePod` (graceful, as `kubectl delete pod`). The
 *   controller creates a replacement and the scheduler places it wherever it
 *   scores best, which need not be the node it was dropped on. Binding the
 *   replacement ourselves would race the scheduler and is not what a user can
 *   do in a real cluster.
 * - A BOUND bare pod: after confirmation, delete and recreate, as
 *   `kubectl replace --force --grace-period=0` with spec.nodeName set to the
 *   target: `deletePod` with `force` (the name is free at once, a graceful
 *   delete would keep it for the 30 s grace period), then `apply` of the same
 *   pod (metadata name, namespace, labels, annotations and the spec; no status,
 *   no server fields) with spec.nodeName = target, so it is created bound and
 *   the target's kubelet admits or refuses it.
 * - Dropped on its own node, or a pod that is being deleted: nothing.
 */
import type { Command } from '../../../engine/commands';
import type { KubeObject, Pod } from '../../../engine/model/types';
import type { PodFrame } from '../../../protocol/engine-api';
import type { NodeVerdict } from './verdict';

export type DropPlan =
  | { kind: 'none'; why: string }
  | { kind: 'bind'; command: Command }
  | { kind: 'bindAnyway'; command: Command; verdict: NodeVerdict | undefined }
  | { kind: 'replace'; owner: { kind: string; name: string }; commands: Command[]; verdict: NodeVerdict | undefined }
  | { kind: 'recreate'; verdict: NodeVerdict | undefined };

export function planDrop(pod: PodFrame, node: string, verdict: NodeVerdict | undefined): DropPlan {
  const { namespace, name } = pod;
  if (pod.deletionTimestamp !== null) return { kind: 'none', why: `pod ${name} is being deleted` };
  if (pod.nodeName === node) return { kind: 'none', why: `pod ${name} is already on node ${node}` };
  if (pod.nodeName === null) {
    const command: Command = { action: 'bindPod', namespace, name, node };
    return verdict?.kind === 'fits' ? { kind: 'bind', command } : { kind: 'bindAnyway', command, verdict };
  }
  if (pod.owner) return { kind: 'replace', owner: pod.owner, commands: [{ action: 'deletePod', namespace, name }], verdict };
  return { kind: 'recreate', verdict };
}

/** The two commands that delete a bare pod and create it again bound to `node` (see the file comment). */
export function recreateCommands(pod: Pod, node: string): Command[] {
  const { name, namespace = 'default', labels, annotations } = pod.metadata;
  const metadata: Pod['metadata'] = { name, namespace, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) };
  const object: Pod = { apiVersion: pod.apiVersion ?? 'v1', kind: 'Pod', metadata, spec: { ...pod.spec, nodeName: node } };
  return [
    { action: 'deletePod', namespace, name: name!, force: true },
    { action: 'apply', object },
  ];
}

/** The pod `namespace/name` among exported objects. */
export function findPod(objects: readonly KubeObject[], namespace: string, name: string): Pod | undefined {
  return objects.find((o): o is Pod => o.kind === 'Pod' && (o.metadata.namespace ?? 'default') === namespace && o.metadata.name === name);
}
