/**
 * Namespaces (kubernetes plugin/pkg/admission/namespace/lifecycle and the namespace registry).
 *
 * A scenario is a dump of a cluster, so a namespace its objects live in existed there: one with
 * no Namespace object in the scenario is created at load, as the cluster had it (status Active,
 * the `kubernetes.io/metadata.name` label the API server puts on every namespace). The four
 * system namespaces (`default`, `kube-system`, `kube-public`, `kube-node-lease`) always exist
 * but are not stored as objects, so a scenario's exported state holds only what it named.
 * A create while the simulation runs into a namespace that does not exist is refused as the
 * NamespaceLifecycle admission plugin refuses it: `namespaces "x" not found` (NotFound).
 * Namespace deletion (Terminating, the namespace controller emptying it) is not modelled.
 */
import type { KubeObject } from '../model/types';
import type { Store } from './contracts';
import { scopeOf } from '../store/resources';
import { uidOf } from '../store/uid';
import { isObj } from '../model/is-object';
import { isDNS1123Label } from '../model/validate-names';

/** The namespaces the API server keeps (NamespaceDefault, NamespaceSystem, NamespacePublic, NamespaceNodeLease). */
export const SYSTEM_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Whether `namespace` exists: a system namespace or a stored Namespace object. */
export function namespaceExists(store: Pick<Store, 'get'>, namespace: string): boolean {
  return SYSTEM_NAMESPACES.includes(namespace) || store.get('Namespace', undefined, namespace) !== undefined;
}

/** The NamespaceLifecycle refusal of a create of `obj`, or undefined when its namespace exists (or it has none). */
export function namespaceRefusal(store: Pick<Store, 'get'>, obj: KubeObject): string | undefined {
  if (scopeOf(obj.kind ?? '') !== 'Namespaced') return undefined;
  const ns = obj.metadata.namespace || 'default';
  return namespaceExists(store, ns) ? undefined : `namespaces "${ns}" not found`;
}

/** The namespaces the objects live in that neither a Namespace among them nor the system provides, sorted. */
export function impliedNamespaces(objects: readonly KubeObject[]): string[] {
  const named = new Set<string>();
  const used = new Set<string>();
  for (const o of objects) {
    if (!isObj(o) || !isObj(o.metadata)) continue;
    if (o.kind === 'Namespace' && typeof o.metadata.name === 'string') named.add(o.metadata.name);
    else if (scopeOf(o.kind ?? '') === 'Namespaced' && typeof o.metadata.namespace === 'string' && o.metadata.namespace !== '') used.add(o.metadata.namespace);
  }
  // A name no namespace may have (a test's `a.b`) makes no object: it could not be loaded back.
  return [...used].filter((n) => !named.has(n) && !SYSTEM_NAMESPACES.includes(n) && isDNS1123Label(n).length === 0).sort();
}

/**
 * The Namespace object of an implied namespace. Its uid is derived from its name rather than
 * drawn from the store's generator, so that adding it renames no pod of the scenario.
 */
export function impliedNamespace(name: string): KubeObject {
  const h = (seed: number) => {
    let x = seed >>> 0;
    for (let i = 0; i < name.length; i++) x = Math.imul(x ^ name.charCodeAt(i), 16777619) >>> 0;
    return x;
  };
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: uidOf(h(2166136261), h(0x9e3779b9), h(0x85ebca6b), h(0xc2b2ae35)), labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  } as KubeObject;
}
