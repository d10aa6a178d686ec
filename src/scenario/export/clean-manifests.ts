/**
 * Export as clean manifests: what `kubectl apply -f` accepts on a real cluster. The
 * fields the API server, the scheduler and the controllers own are stripped (status,
 * managedFields, uid, resourceVersion, creationTimestamp, generation, ownerReferences,
 * the scheduler's spec.nodeName, allocated Service IPs, the Job's generated selector),
 * and so are the objects the cluster makes by itself: pods and ReplicaSets that belong
 * to a controller, node Leases and Events. Nodes are left out (kubelets register them;
 * see the KWOK export). Workloads, bare pods, PDBs, priority classes and the objects
 * Podscape does not model are kept, with a Namespace for every namespace they use.
 */
import type { KubeObject } from '../../engine/model/types';
import { isNodeLease } from './scenario-export';
import { toYamlStream } from './yaml-out';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** metadata fields the API server sets. */
const SERVER_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences'];
/** Annotations written by controllers or by kubectl itself. */
const SERVER_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.daemonset.template.generation',
];
/** Labels the Job controller generates from its uid (applying them elsewhere is refused). */
const JOB_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
/** Namespaces every cluster already has. */
const BUILT_IN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
/** Kinds the cluster creates and manages by itself. */
const GENERATED_KINDS = new Set(['Event', 'Endpoints', 'EndpointSlice', 'ControllerRevision', 'Lease']);

const hasController = (o: KubeObject) => Array.isArray(o.metadata?.ownerReferences) && o.metadata.ownerReferences.some((r) => isObj(r) && r.controller === true);

/** Whether the cluster makes this object itself (a controller's pod or ReplicaSet, a node Lease, an Event …). */
export function isGenerated(o: KubeObject): boolean {
  if (isNodeLease(o) || GENERATED_KINDS.has(o.kind ?? '')) return true;
  if ((o.kind === 'Pod' || o.kind === 'ReplicaSet' || o.kind === 'Job') && hasController(o)) return true;
  return false;
}

function cleanMetadata(meta: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...meta };
  for (const k of SERVER_METADATA) delete out[k];
  if (isObj(out.annotations)) {
    const a = { ...out.annotations };
    for (const k of SERVER_ANNOTATIONS) delete a[k];
    if (Object.keys(a).length > 0) out.annotations = a;
    else delete out.annotations;
  }
  if (typeof out.name === 'string' && out.name !== '') delete out.generateName;
  return out;
}

function withoutLabels(labels: unknown, drop: readonly string[]): Record<string, unknown> | undefined {
  if (!isObj(labels)) return undefined;
  const out = { ...labels };
  for (const k of drop) delete out[k];
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The pod spec without what the scheduler and the ServiceAccount admission add. */
function cleanPodSpec(spec: Record<string, unknown>): Record<string, unknown> {
  const out = { ...spec };
  delete out.nodeName;
  if (Array.isArray(out.volumes)) {
    const generated = new Set(out.volumes.filter((v) => isObj(v) && typeof v.name === 'string' && v.name.startsWith('kube-api-access-')).map((v) => (v as { name: string }).name));
    if (generated.size > 0) {
      out.volumes = out.volumes.filter((v) => !(isObj(v) && generated.has(v.name as string)));
      if ((out.volumes as unknown[]).length === 0) delete out.volumes;
      for (const key of ['containers', 'initContainers']) {
        if (!Array.isArray(out[key])) continue;
        out[key] = (out[key] as unknown[]).map((c) => {
          if (!isObj(c) || !Array.isArray(c.volumeMounts)) return c;
          const mounts = c.volumeMounts.filter((m) => !(isObj(m) && generated.has(m.name as string)));
          const next: Record<string, unknown> = { ...c, volumeMounts: mounts };
          if (mounts.length === 0) delete next.volumeMounts;
          return next;
        });
      }
    }
  }
  return out;
}

/** One object as `kubectl apply` takes it. */
export function cleanObject(o: KubeObject): KubeObject {
  const out: Record<string, unknown> = { ...(o as Record<string, unknown>) };
  delete out.status;
  out.metadata = cleanMetadata(isObj(o.metadata) ? o.metadata : {});
  const spec = isObj(out.spec) ? { ...out.spec } : undefined;
  if (o.kind === 'Pod' && spec) out.spec = cleanPodSpec(spec);
  if (spec && isObj(spec.template) && isObj(spec.template.metadata) && 'creationTimestamp' in spec.template.metadata) {
    // kubectl prints `creationTimestamp: null` in every pod template.
    const tmeta = { ...spec.template.metadata };
    delete tmeta.creationTimestamp;
    spec.template = { ...spec.template, metadata: tmeta };
    out.spec = spec;
  }
  if (o.kind === 'Service' && spec) {
    for (const k of ['clusterIP', 'clusterIPs']) delete spec[k];
    out.spec = spec;
  }
  if (o.kind === 'Job' && spec) {
    // The selector and its labels come from the Job's uid; a new cluster generates its own.
    if (spec.manualSelector !== true) {
      delete spec.selector;
      delete spec.manualSelector;
      const meta = out.metadata as Record<string, unknown>;
      const labels = withoutLabels(meta.labels, JOB_UID_LABELS);
      if (labels) meta.labels = labels;
      else delete meta.labels;
      if (isObj(spec.template) && isObj(spec.template.metadata)) {
        const tl = withoutLabels(spec.template.metadata.labels, JOB_UID_LABELS);
        const tmeta: Record<string, unknown> = { ...spec.template.metadata };
        if (tl) tmeta.labels = tl;
        else delete tmeta.labels;
        spec.template = { ...spec.template, metadata: tmeta };
      }
    }
    out.spec = spec;
  }
  return out as KubeObject;
}

const KIND_ORDER = ['Namespace', 'PriorityClass', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'ConfigMap', 'Secret', 'ServiceAccount', 'Service'];
const rank = (o: KubeObject) => {
  const i = KIND_ORDER.indexOf(o.kind ?? '');
  return i < 0 ? KIND_ORDER.length : i;
};

/** The manifests, in an order `kubectl apply -f` can create them (namespaces and classes first). */
export function cleanManifestObjects(objects: readonly KubeObject[]): KubeObject[] {
  const kept = objects.filter((o) => o.kind !== 'Node' && o.kind !== 'Scenario' && o.kind !== 'KubeSchedulerConfiguration' && !isGenerated(o)).map(cleanObject);
  const declared = new Set(kept.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
  const needed = [...new Set(kept.map((o) => o.metadata.namespace).filter((n): n is string => typeof n === 'string' && n !== ''))]
    .filter((n) => !BUILT_IN_NAMESPACES.has(n) && !declared.has(n))
    .sort();
  const namespaces: KubeObject[] = needed.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  return [...namespaces, ...kept].map((o, i) => ({ o, i })).sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i).map((x) => x.o);
}

export function exportCleanManifests(objects: readonly KubeObject[]): string {
  return toYamlStream(cleanManifestObjects(objects), 'Clean manifests exported from Podscape: `kubectl apply -f` this file.\nServer-set fields, status and the pods and ReplicaSets controllers create are left out.');
}
