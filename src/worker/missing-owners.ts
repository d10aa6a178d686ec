/**
 * Owners an import leaves out. `kubectl get nodes,pods,deployments -o yaml` prints each pod's
 * ownerReferences but not the ReplicaSet they name; loaded as it is, the Deployment finds no
 * ReplicaSet of its own and makes one with new pods, and the garbage collector deletes the old
 * ones, whose owner does not exist (engine/sim/garbage-collect.ts), as a real cluster would. The
 * page says so after the import, naming the owners and the Deployment that makes new pods, so
 * the replaced pods are not a mystery.
 */
import type { KubeObject } from '../engine/model/types';
import type { MissingOwner } from '../protocol/engine-api';

/** The owner kinds the simulation runs; a missing custom owner changes nothing here. */
const OWNER_KINDS = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

const key = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;
const namespaceOf = (o: KubeObject) => o.metadata.namespace ?? 'default';

/** The controller owners named in `objects` that `objects` do not hold, in first-mention order. */
export function missingOwners(objects: readonly KubeObject[]): MissingOwner[] {
  const present = new Set(objects.map((o) => key(o.kind ?? '', namespaceOf(o), o.metadata.name ?? '')));
  const missing = new Map<string, MissingOwner>();
  for (const o of objects) {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller === true);
    if (!ref || !OWNER_KINDS.has(ref.kind)) continue;
    const namespace = namespaceOf(o);
    const k = key(ref.kind, namespace, ref.name);
    if (present.has(k)) continue;
    let owner = missing.get(k);
    if (!owner) missing.set(k, (owner = { kind: ref.kind, namespace, name: ref.name, dependents: [] }));
    owner.dependents.push(`${o.kind ?? 'object'}/${o.metadata.name ?? ''}`);
    if (ref.kind === 'ReplicaSet' && o.kind === 'Pod' && owner.deployment === undefined) {
      const deployment = selectingDeployment(objects, namespace, o.metadata.labels ?? {});
      if (deployment) owner.deployment = deployment;
    }
  }
  return [...missing.values()];
}

/** The Deployment in `namespace` whose matchLabels selector (without expressions) the labels satisfy. */
function selectingDeployment(objects: readonly KubeObject[], namespace: string, labels: Record<string, string>): string | undefined {
  for (const d of objects) {
    if (d.kind !== 'Deployment' || namespaceOf(d) !== namespace) continue;
    const selector = (d.spec as { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } } | undefined)?.selector;
    const match = Object.entries(selector?.matchLabels ?? {});
    if (match.length === 0 || (selector?.matchExpressions?.length ?? 0) > 0) continue;
    if (match.every(([k, v]) => labels[k] === v)) return d.metadata.name;
  }
  return undefined;
}
